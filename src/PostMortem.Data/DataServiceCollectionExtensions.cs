using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PostMortem.Data.Internal;
using PostMortem.Data.Journal;
using PostMortem.Data.Records;
using PostMortem.Data.Snapshots;
using PostMortem.Data.Storage;

namespace PostMortem.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database (provider from Database:Provider, connection string ConnectionStrings:PostMortem),
    /// validated at start-up, migrated at start-up, and the stores built on it, each also registered as the
    /// persistence interface it implements (<see cref="IEntryJournal"/>, <see cref="ISnapshotStore"/>,
    /// <see cref="IIncidentHistory"/>, <see cref="IAppliedEntryObserver"/>) so they replace in-memory defaults.
    /// </summary>
    public static IServiceCollection AddPostMortemData(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Configure<IServiceProvider>((options, sp) =>
            {
                options.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
                options.DataFolder = configuration[DatabaseOptions.DataFolderKey] is { Length: > 0 } folder ? folder : options.DataFolder;
                var contentRoot = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
                ResolvePaths(options, contentRoot);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddDbContextFactory<PostMortemDbContext>((sp, builder) =>
            DatabaseSetup.Configure(builder, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
        // Storage health is shared with whoever reports on it (the server's /healthz); the probe lets it notice recovery.
        services.TryAddSingleton<StorageHealth>();
        services.AddSingleton<IStorageProbe, StorageProbe>();
        // Each store under its own type (tests, the incident endpoints) and as the persistence interface it implements.
        // Added, not tried: these replace in-memory defaults registered before (the server's).
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<ISnapshotStore>(sp => sp.GetRequiredService<SnapshotStore>());
        services.AddSingleton<EntryJournal>();
        services.AddSingleton<IEntryJournal>(sp => sp.GetRequiredService<EntryJournal>());
        services.AddSingleton<IncidentRecorder>();
        services.AddSingleton<IncidentLog>();
        services.AddSingleton<Records.Insights.IncidentInsights>();
        services.AddSingleton<IIncidentHistory>(sp => sp.GetRequiredService<IncidentLog>());
        services.AddSingleton<IncidentRecordWriter>();
        services.AddSingleton<IAppliedEntryObserver>(sp => sp.GetRequiredService<IncidentRecordWriter>());
        // The hand-off webhooks' durable outbox (the server's sender uses it only when a webhook is configured).
        services.AddSingleton<Webhooks.WebhookOutbox>();
        return services;
    }

    /// <summary>Relative paths (the data folder, a SQLite Data Source) are relative to the app, not to
    /// wherever the process happened to be started from.</summary>
    private static void ResolvePaths(DatabaseOptions options, string contentRoot)
    {
        options.DataFolder = Path.GetFullPath(options.DataFolder, contentRoot);
        if (!DatabaseSetup.TryParseName<DatabaseProvider>(options.Provider, out var provider) ||
            provider != DatabaseProvider.Sqlite || string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return;
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (!string.IsNullOrWhiteSpace(builder.DataSource) && builder.DataSource != ":memory:" &&
                builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(builder.DataSource))
            {
                builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
                options.ConnectionString = builder.ToString();
            }
        }
        catch (ArgumentException)
        {
            // Left as it is: the validator reports it in words.
        }
    }
}
