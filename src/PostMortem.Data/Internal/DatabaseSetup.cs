using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PostMortem.Data.Internal;

/// <summary>How a context is pointed at its provider: the one place both the app and the design-time
/// factories (dotnet-ef) configure it, so migrations are made against the model the app runs.</summary>
internal static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "PostMortem.Data.Sqlite";
    public const string SqlServerMigrationsAssembly = "PostMortem.Data.SqlServer";

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        switch (options.ProviderKind)
        {
            case DatabaseProvider.Sqlite:
                var synchronous = Enum.Parse<SqliteSynchronous>(options.SqliteSynchronous, ignoreCase: true);
                builder.UseSqlite(SqliteConnectionString(options), o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                    .AddInterceptors(new SqlitePragmas(synchronous));
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(options.ConnectionString, o => o.MigrationsAssembly(SqlServerMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException($"Unknown provider {options.Provider}.");
        }
    }

    /// <summary>The configured SQLite connection string, or a file in the data folder when none is set.</summary>
    public static string SqliteConnectionString(DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(options.DataFolder, DatabaseOptions.DefaultSqliteFileName) }.ToString()
            : options.ConnectionString;

    /// <summary>Exact member name, any case; numbers and combinations are not accepted.</summary>
    public static bool TryParseName<TEnum>(string? value, out TEnum result)
        where TEnum : struct, Enum
    {
        foreach (var name in Enum.GetNames<TEnum>())
        {
            if (string.Equals(name, value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                result = Enum.Parse<TEnum>(name);
                return true;
            }
        }

        result = default;
        return false;
    }

    /// <summary>
    /// Per-connection SQLite settings. WAL is a property of the file (set once by the migrator);
    /// synchronous and the busy timeout belong to each connection, pooled or not.
    /// </summary>
    private sealed class SqlitePragmas(SqliteSynchronous synchronous) : DbConnectionInterceptor
    {
        private readonly string _sql = $"PRAGMA synchronous={synchronous.ToString().ToUpperInvariant()}; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = _sql;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
