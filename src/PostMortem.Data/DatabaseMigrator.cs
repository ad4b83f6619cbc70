using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PostMortem.Data.Internal;

namespace PostMortem.Data;

/// <summary>
/// Brings the database to the current model: at start-up (before any other hosted service starts, so no
/// board is hydrated from a half-made schema) unless Database:MigrateOnStartup is false, and on demand
/// from the migrate command. Concurrent instances are safe: EF Core takes a migration lock.
/// </summary>
public sealed class DatabaseMigrator(
    IDbContextFactory<PostMortemDbContext> contexts,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigrator> logger) : IHostedLifecycleService
{
    /// <summary>Applies pending migrations; with SQLite also switches the file to WAL. Failures say what to check.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var provider = options.Value.ProviderKind;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            await db.Database.MigrateAsync(cancellationToken);
            if (provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers run beside the journal writer and makes each commit one append;
                // the mode is stored in the file, so setting it once is enough.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            if (pending > 0)
            {
                DataLog.Migrated(logger, provider, pending);
            }
            else
            {
                DataLog.UpToDate(logger, provider);
            }
        }
        catch (Exception e) when (e is SqliteException or SqlException or InvalidOperationException or DbUpdateException or NotSupportedException)
        {
            throw new InvalidOperationException(
                $"Could not migrate the {provider} database: {e.Message} " +
                (provider == DatabaseProvider.Sqlite
                    ? "Check that the SQLite file named by ConnectionStrings:PostMortem (or in Data:Folder) is writable and is a PostMortem database."
                    : "Check ConnectionStrings:PostMortem (server, database, credentials) and that the server is reachable."),
                e);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) =>
        options.Value.MigrateOnStartup ? MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
