using Microsoft.Extensions.Options;
using PostMortem.Data;

namespace PostMortem.Server.Hosting;

internal static class PersistenceSetup
{
    /// <summary>
    /// The database behind the server (docs/PERSISTENCE.md): snapshots, the embedded log's journal and the
    /// incident log, in SQLite (default, a file in Data:Folder) or SQL Server. Replaces the in-memory defaults
    /// of AddPostMortemServer, so call it after that.
    /// </summary>
    public static IServiceCollection AddPostMortemPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        // PostMortem.Data registers its stores as the persistence interfaces they implement, replacing the defaults.
        services.AddPostMortemData(configuration);
        // Every journal commit would be an Information line; SQL is for debugging, not for the console.
        services.AddLogging(b => b.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning));
        return services;
    }

    /// <summary>
    /// `migrate` on the command line: apply the database migrations and exit, with the app's configuration
    /// (appsettings, environment, command-line switches after the verb). Exit code 0 when done, 2 for
    /// configuration to fix, 1 when the database could not be migrated.
    /// </summary>
    public static async Task<int> RunMigrateCommandAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = Host.CreateApplicationBuilder(args.Length > 0 ? args[1..] : args);
        builder.Services.AddPostMortemData(builder.Configuration);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        using var host = builder.Build();
        try
        {
            var options = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            await output.WriteLineAsync($"Database ({options.ProviderKind}) is migrated.");
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    public static bool IsMigrateCommand(string[] args) => args is ["migrate", ..];
}
