namespace PostMortem.Data;

/// <summary>
/// Configuration of the database, read from the "Database" section and the connection string
/// "ConnectionStrings:PostMortem" (docs/PERSISTENCE.md lists every key).
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "PostMortem";
    public const string DataFolderKey = "Data:Folder";

    /// <summary>"Sqlite" (the embedded default) or "SqlServer". Read as text so a bad value can be
    /// reported in words rather than as a binder exception.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>From ConnectionStrings:PostMortem. Empty with SQLite: a file in <see cref="DataFolder"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The app's data folder (config key "Data:Folder", shared with the server, which keeps its
    /// signing key there); the default SQLite file lives here.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Apply pending migrations when the app starts (otherwise run the migrate command).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>SQLite only: "Full" (fsync on every commit; the default — the journal batches commits so
    /// it is cheap) or "Normal" (in WAL mode a power cut may lose the last commits, a crashed process does not).</summary>
    public string SqliteSynchronous { get; set; } = "Full";

    /// <summary>Journal appends accepted and not yet durable, at most; beyond it an append fails at once with
    /// "unavailable" (retry shortly) rather than waiting behind an ever longer queue. Two full batches by default.</summary>
    public int JournalMaxQueued { get; set; } = 2048;

    /// <summary>The provider, once validated.</summary>
    public DatabaseProvider ProviderKind => Enum.Parse<DatabaseProvider>(Provider, ignoreCase: true);

    public const string DefaultSqliteFileName = "postmortem.db";
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
