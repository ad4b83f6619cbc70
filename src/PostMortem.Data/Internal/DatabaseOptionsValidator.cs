using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace PostMortem.Data.Internal;

/// <summary>
/// Stops start-up on a configuration that cannot work, with a message that names the key and how to
/// fix it (run at start through ValidateOnStart, not at first use in the middle of a meeting).
/// </summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!DatabaseSetup.TryParseName<DatabaseProvider>(options.Provider, out var provider))
        {
            return ValidateOptionsResult.Fail(
                $"Database:Provider is '{options.Provider}', which is not a supported provider. " +
                "Set it to 'Sqlite' (the embedded default, a file in the data folder) or 'SqlServer' " +
                "(with ConnectionStrings:PostMortem pointing at the server).");
        }

        if (!DatabaseSetup.TryParseName<SqliteSynchronous>(options.SqliteSynchronous, out _))
        {
            return ValidateOptionsResult.Fail(
                $"Database:SqliteSynchronous is '{options.SqliteSynchronous}'. Set it to 'Full' (default) or 'Normal'.");
        }

        if (options.JournalMaxQueued < 1)
        {
            return ValidateOptionsResult.Fail(
                $"Database:JournalMaxQueued is {options.JournalMaxQueued}. Set it to a positive number of appends (default 2048).");
        }

        return provider switch
        {
            DatabaseProvider.Sqlite => ValidateSqlite(options),
            _ => ValidateSqlServer(options),
        };
    }

    private static ValidateOptionsResult ValidateSqlite(DatabaseOptions options)
    {
        var connectionString = DatabaseSetup.SqliteConnectionString(options);
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return ValidateOptionsResult.Fail(
                $"ConnectionStrings:PostMortem is not a usable SQLite connection string ({e.Message}). " +
                $"Use e.g. 'Data Source=data/{DatabaseOptions.DefaultSqliteFileName}', or remove it to use the data folder.");
        }

        var dataSource = builder.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return ValidateOptionsResult.Fail(
                "ConnectionStrings:PostMortem names no SQLite file (empty or in-memory), so nothing would " +
                $"survive a restart. Use e.g. 'Data Source=data/{DatabaseOptions.DefaultSqliteFileName}'.");
        }

        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            return ValidateOptionsResult.Fail("ConnectionStrings:PostMortem opens SQLite read-only; the app must write. Remove 'Mode=ReadOnly'.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (folder is not null)
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                return ValidateOptionsResult.Fail(
                    $"The SQLite file's folder '{folder}' cannot be created ({e.Message}). " +
                    "Point Data:Folder or ConnectionStrings:PostMortem at a writable folder.");
            }

            if (Directory.Exists(Path.GetFullPath(dataSource)))
            {
                return ValidateOptionsResult.Fail(
                    $"ConnectionStrings:PostMortem names '{dataSource}', which is a folder. Name a file in it, e.g. " +
                    $"'Data Source={Path.Combine(dataSource, DatabaseOptions.DefaultSqliteFileName)}'.");
            }
        }

        return ValidateOptionsResult.Success;
    }

    private static ValidateOptionsResult ValidateSqlServer(DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "Database:Provider is 'SqlServer' but ConnectionStrings:PostMortem is empty. Set it, e.g. " +
                "'Server=localhost,1433;Database=PostMortem;User Id=postmortem;Password=...;TrustServerCertificate=True'.");
        }

        try
        {
            var builder = new SqlConnectionStringBuilder(options.ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                return ValidateOptionsResult.Fail(
                    "ConnectionStrings:PostMortem names no server. Add 'Server=host,port' (e.g. 'Server=localhost,1433').");
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return ValidateOptionsResult.Fail(
                $"ConnectionStrings:PostMortem is not a usable SQL Server connection string ({e.Message}). " +
                "Use e.g. 'Server=localhost,1433;Database=PostMortem;User Id=...;Password=...;TrustServerCertificate=True'.");
        }

        if (IsGlobalizationInvariant())
        {
            // SqlClient maps collations to encodings through ICU and refuses to open a connection without it;
            // found here rather than at the first query.
            return ValidateOptionsResult.Fail(
                "Database:Provider is 'SqlServer', but this process runs in .NET's globalization-invariant mode, which SQL " +
                "Server's client refuses. Build the app with <InvariantGlobalization>false</InvariantGlobalization> " +
                "(Directory.Build.props does this for PostMortem.Server) and run it where ICU is installed " +
                "(Debian package libicu72; the aspnet container images have it).");
        }

        return ValidateOptionsResult.Success;
    }

    /// <summary>Whether this process runs globalization-invariant as SqlClient sees it: the runtime switch
    /// from the app's runtimeconfig (which DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false does not clear for
    /// SqlClient), or no ICU cultures at all.</summary>
    internal static bool IsGlobalizationInvariant()
    {
        if (AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant)
        {
            return true;
        }

        try
        {
            return CultureInfo.GetCultureInfo("en-US").Name.Length == 0;
        }
        catch (CultureNotFoundException)
        {
            return true;
        }
    }
}

internal enum SqliteSynchronous
{
    Normal,
    Full,
}
