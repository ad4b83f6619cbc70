using Microsoft.EntityFrameworkCore;
using PostMortem.Core;
using PostMortem.Core.Model;
using PostMortem.Data.Entities;
using PostMortem.Data.Internal;
using PostMortem.Data.Webhooks;

namespace PostMortem.Data;

/// <summary>
/// The one database of PostMortem: board snapshots, the embedded log's journal and the incident log.
/// The model is the same for every provider except where SQLite needs help (see ConfigureConventions);
/// each provider has its own migrations assembly.
/// </summary>
public sealed class PostMortemDbContext(DbContextOptions<PostMortemDbContext> options) : DbContext(options)
{
    /// <summary>Board, note and other ids are canonical ids of at most this length (Core's Limits).</summary>
    private const int IdLength = Limits.IdLength;

    public DbSet<SnapshotRow> Snapshots => Set<SnapshotRow>();
    public DbSet<JournalEntryRow> JournalEntries => Set<JournalEntryRow>();
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();
    public DbSet<ActionRecord> Actions => Set<ActionRecord>();
    public DbSet<ContributingFactorRecord> ContributingFactors => Set<ContributingFactorRecord>();
    public DbSet<SignOffRecord> SignOffs => Set<SignOffRecord>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the data reads without the code, and a reordered enum
        // cannot silently change stored meaning.
        configurationBuilder.Properties<IncidentType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<IncidentStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ActionKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ActionStatus>().HaveConversion<string>().HaveMaxLength(16);

        if (Database.IsSqlite())
        {
            // SQLite has no date-time type and EF cannot order or compare DateTimeOffset there; a
            // fixed-width UTC text sorts like the instant it stands for.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTextConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTextConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SnapshotRow>(e =>
        {
            e.ToTable("BoardSnapshots");
            e.HasKey(s => s.BoardId);
            e.Property(s => s.BoardId).HasMaxLength(IdLength);
            e.Property(s => s.StateHash).HasMaxLength(64).IsUnicode(false);
        });

        modelBuilder.Entity<JournalEntryRow>(e =>
        {
            e.ToTable("JournalEntries");
            e.HasKey(j => new { j.BoardId, j.Seq });
            e.Property(j => j.BoardId).HasMaxLength(IdLength);
        });

        modelBuilder.Entity<IncidentRecord>(e =>
        {
            e.ToTable("PostMortems");
            e.HasKey(i => i.BoardId);
            e.Property(i => i.BoardId).HasMaxLength(IdLength);
            e.Property(i => i.Title).HasMaxLength(Limits.TitleLength);
            e.Property(i => i.TimeZone).HasMaxLength(64);
            e.HasIndex(i => i.IncidentDate);
            e.HasIndex(i => new { i.IncidentType, i.Status });
            e.HasMany(i => i.Actions).WithOne().HasForeignKey(a => a.BoardId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(i => i.ContributingFactors).WithOne().HasForeignKey(f => f.BoardId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(i => i.SignOffs).WithOne().HasForeignKey(s => s.BoardId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ActionRecord>(e =>
        {
            e.ToTable("Actions");
            e.HasKey(a => new { a.BoardId, a.NoteId });
            e.Property(a => a.BoardId).HasMaxLength(IdLength);
            e.Property(a => a.NoteId).HasMaxLength(IdLength);
            e.Property(a => a.TrackerUrl).HasMaxLength(Limits.UrlLength);
            e.HasIndex(a => a.NoteId);
            e.HasIndex(a => new { a.Status, a.DueDate });
        });

        modelBuilder.Entity<ContributingFactorRecord>(e =>
        {
            e.ToTable("ContributingFactors");
            e.HasKey(f => new { f.BoardId, f.Position });
            e.Property(f => f.BoardId).HasMaxLength(IdLength);
        });

        modelBuilder.Entity<SignOffRecord>(e =>
        {
            e.ToTable("SignOffs");
            e.HasKey(s => new { s.BoardId, s.Position });
            e.Property(s => s.BoardId).HasMaxLength(IdLength);
            e.Property(s => s.Name).HasMaxLength(Limits.NameLength);
        });

        modelBuilder.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("WebhookOutbox");
            e.HasKey(d => d.EventId);
            e.Property(d => d.EventId).HasMaxLength(WebhookOutbox.EventIdLength).IsUnicode(false);
            e.Property(d => d.BoardId).HasMaxLength(IdLength);
            e.Property(d => d.EventType).HasMaxLength(40).IsUnicode(false);
            e.Property(d => d.LastError).HasMaxLength(WebhookOutbox.ErrorLength);
            // The sender's query: pending rows by due time.
            e.HasIndex(d => new { d.DeliveredAt, d.AbandonedAt, d.NextAttemptAt });
        });
    }
}
