IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121230119_Initial'
)
BEGIN
    CREATE TABLE [BoardSnapshots] (
        [BoardId] nvarchar(64) NOT NULL,
        [Seq] bigint NOT NULL,
        [StateJson] nvarchar(max) NOT NULL,
        [StateHash] varchar(64) NOT NULL,
        [SavedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_BoardSnapshots] PRIMARY KEY ([BoardId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121230119_Initial'
)
BEGIN
    CREATE TABLE [JournalEntries] (
        [BoardId] nvarchar(64) NOT NULL,
        [Seq] bigint NOT NULL,
        [EntryJson] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_JournalEntries] PRIMARY KEY ([BoardId], [Seq])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121230119_Initial'
)
BEGIN
    CREATE TABLE [PostMortems] (
        [BoardId] nvarchar(64) NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [IncidentAt] datetimeoffset NOT NULL,
        [IncidentDate] date NOT NULL,
        [TimeZone] nvarchar(64) NOT NULL,
        [IncidentType] nvarchar(16) NOT NULL,
        [Severity] int NOT NULL,
        [Summary] nvarchar(max) NOT NULL,
        [Impact] nvarchar(max) NOT NULL,
        [RootCause] nvarchar(max) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [FollowUpDate] date NULL,
        [ClosedAt] datetimeoffset NULL,
        [Seq] bigint NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_PostMortems] PRIMARY KEY ([BoardId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121230119_Initial'
)
BEGIN
    CREATE TABLE [Actions] (
        [BoardId] nvarchar(64) NOT NULL,
        [NoteId] nvarchar(64) NOT NULL,
        [Position] int NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        [Owner] nvarchar(max) NULL,
        [DueDate] date NULL,
        [Kind] nvarchar(16) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [AcknowledgedAt] datetimeoffset NULL,
        [TrackerUrl] nvarchar(500) NULL,
        [Votes] int NOT NULL,
        CONSTRAINT [PK_Actions] PRIMARY KEY ([BoardId], [NoteId]),
        CONSTRAINT [FK_Actions_PostMortems_BoardId] FOREIGN KEY ([BoardId]) REFERENCES [PostMortems] ([BoardId]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121230119_Initial'
)
BEGIN
    CREATE TABLE [ContributingFactors] (
        [BoardId] nvarchar(64) NOT NULL,
        [Position] int NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_ContributingFactors] PRIMARY KEY ([BoardId], [Position]),
        CONSTRAINT [FK_ContributingFactors_PostMortems_BoardId] FOREIGN KEY ([BoardId]) REFERENCES [PostMortems] ([BoardId]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121230119_Initial'
)
BEGIN
    CREATE TABLE [SignOffs] (
        [BoardId] nvarchar(64) NOT NULL,
        [Position] int NOT NULL,
        [Name] nvarchar(60) NOT NULL,
        [At] datetimeoffset NOT NULL,
        CONSTRAINT [PK_SignOffs] PRIMARY KEY ([BoardId], [Position]),
        CONSTRAINT [FK_SignOffs_PostMortems_BoardId] FOREIGN KEY ([BoardId]) REFERENCES [PostMortems] ([BoardId]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121230119_Initial'
)
BEGIN
    CREATE INDEX [IX_Actions_NoteId] ON [Actions] ([NoteId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121230119_Initial'
)
BEGIN
    CREATE INDEX [IX_Actions_Status_DueDate] ON [Actions] ([Status], [DueDate]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121230119_Initial'
)
BEGIN
    CREATE INDEX [IX_PostMortems_IncidentDate] ON [PostMortems] ([IncidentDate]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121230119_Initial'
)
BEGIN
    CREATE INDEX [IX_PostMortems_IncidentType_Status] ON [PostMortems] ([IncidentType], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121230119_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261121230119_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190136_Insights'
)
BEGIN
    ALTER TABLE [PostMortems] ADD [DetectedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190136_Insights'
)
BEGIN
    ALTER TABLE [PostMortems] ADD [ImpactStartAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190136_Insights'
)
BEGIN
    ALTER TABLE [PostMortems] ADD [MitigatedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190136_Insights'
)
BEGIN
    ALTER TABLE [PostMortems] ADD [ResolvedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190136_Insights'
)
BEGIN
    ALTER TABLE [PostMortems] ADD [TriggerAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190136_Insights'
)
BEGIN
    ALTER TABLE [Actions] ADD [DoneAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190136_Insights'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203190136_Insights', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190500_Webhooks'
)
BEGIN
    CREATE TABLE [WebhookOutbox] (
        [EventId] varchar(100) NOT NULL,
        [BoardId] nvarchar(64) NOT NULL,
        [EventType] varchar(40) NOT NULL,
        [Body] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetimeoffset NOT NULL,
        [DeliveredAt] datetimeoffset NULL,
        [AbandonedAt] datetimeoffset NULL,
        [LastError] nvarchar(300) NULL,
        CONSTRAINT [PK_WebhookOutbox] PRIMARY KEY ([EventId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190500_Webhooks'
)
BEGIN
    CREATE INDEX [IX_WebhookOutbox_DeliveredAt_AbandonedAt_NextAttemptAt] ON [WebhookOutbox] ([DeliveredAt], [AbandonedAt], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203190500_Webhooks'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203190500_Webhooks', N'10.0.15');
END;

COMMIT;
GO

