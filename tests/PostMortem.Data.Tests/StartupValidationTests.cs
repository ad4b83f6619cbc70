using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PostMortem.Data.Tests;

/// <summary>A configuration that cannot work stops the host at start-up, and the message says what to fix.</summary>
public sealed class StartupValidationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<Exception> StartFailureAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _folder.Path,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddPostMortemData(builder.Configuration);
        using var host = builder.Build();
        return await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(CancellationToken.None).Within());
    }

    [Fact]
    public async Task UnknownProviderStopsStartupNamingTheKeyAndTheChoices()
    {
        var e = await StartFailureAsync(new() { ["Database:Provider"] = "Postgres" });

        var options = Assert.IsType<OptionsValidationException>(e);
        Assert.Contains("Database:Provider is 'Postgres'", options.Message, StringComparison.Ordinal);
        Assert.Contains("'Sqlite'", options.Message, StringComparison.Ordinal);
        Assert.Contains("'SqlServer'", options.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBuiltServerRefusesToStartWithAnUnknownProviderAndSaysWhy()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ChildServer.StartAsync(Path.Combine(_folder.Path, "data"), "--Database:Provider", "Oracle"));

        Assert.StartsWith("the server exited", e.Message, StringComparison.Ordinal);
        Assert.Contains("Database:Provider is 'Oracle', which is not a supported provider", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NumericProviderIsNotTakenForAnEnumValue()
    {
        var e = await StartFailureAsync(new() { ["Database:Provider"] = "1" });

        Assert.Contains("Database:Provider is '1'", Assert.IsType<OptionsValidationException>(e).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqlServerWithoutConnectionStringStopsStartup()
    {
        var e = await StartFailureAsync(new() { ["Database:Provider"] = "SqlServer" });

        Assert.Contains("ConnectionStrings:PostMortem is empty", Assert.IsType<OptionsValidationException>(e).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqlServerInGlobalizationInvariantModeIsRefusedSayingHowToFixIt()
    {
        var options = new DatabaseOptions { Provider = "SqlServer", ConnectionString = "Server=localhost,1433;Database=PostMortem;TrustServerCertificate=True" };

        var result = new Internal.DatabaseOptionsValidator().Validate(null, options);

        // This test project is built with InvariantGlobalization=false, as the server is.
        Assert.True(result.Succeeded, result.FailureMessage);
        AppContext.SetSwitch("System.Globalization.Invariant", true);
        try
        {
            var invariant = new Internal.DatabaseOptionsValidator().Validate(null, options);
            Assert.True(invariant.Failed);
            Assert.Contains("<InvariantGlobalization>false</InvariantGlobalization>", invariant.FailureMessage, StringComparison.Ordinal);
        }
        finally
        {
            AppContext.SetSwitch("System.Globalization.Invariant", false);
        }
    }

    [Fact]
    public async Task UnreachableSqlServerStopsStartupAtMigrationNamingTheConnectionString()
    {
        // Exercises the real SqlClient stack (no server here): a closed loopback port is refused at once.
        var e = await StartFailureAsync(new()
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:PostMortem"] = "Server=tcp:127.0.0.1,1;Database=PostMortem;User Id=sa;Password=unused;TrustServerCertificate=True;Connect Timeout=5",
        });

        var invalid = Assert.IsType<InvalidOperationException>(e);
        Assert.Contains("Could not migrate the SqlServer database", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("Check ConnectionStrings:PostMortem", invalid.Message, StringComparison.Ordinal);
        Assert.Equal("Microsoft.Data.SqlClient.SqlException", invalid.InnerException!.GetType().FullName);
    }

    [Fact]
    public async Task MalformedSqlServerConnectionStringStopsStartup()
    {
        var e = await StartFailureAsync(new() { ["Database:Provider"] = "SqlServer", ["ConnectionStrings:PostMortem"] = "Server=x;Bogus Key=1" });

        Assert.Contains("not a usable SQL Server connection string", Assert.IsType<OptionsValidationException>(e).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedSqliteConnectionStringStopsStartup()
    {
        var e = await StartFailureAsync(new() { ["ConnectionStrings:PostMortem"] = "Data Source=x.db;Mode=Sideways" });

        Assert.Contains("not a usable SQLite connection string", Assert.IsType<OptionsValidationException>(e).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InMemorySqliteStopsStartupBecauseNothingWouldSurvive()
    {
        var e = await StartFailureAsync(new() { ["ConnectionStrings:PostMortem"] = "Data Source=:memory:" });

        Assert.Contains("nothing would survive a restart", Assert.IsType<OptionsValidationException>(e).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataFolderThatCannotBeCreatedStopsStartup()
    {
        var file = Path.Combine(_folder.Path, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");

        var e = await StartFailureAsync(new() { ["Data:Folder"] = Path.Combine(file, "data") });

        var message = Assert.IsType<OptionsValidationException>(e).Message;
        Assert.Contains("cannot be created", message, StringComparison.Ordinal);
        Assert.Contains("Data:Folder", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileThatIsNotADatabaseStopsStartupAtMigration()
    {
        var dataFolder = Path.Combine(_folder.Path, "data");
        Directory.CreateDirectory(dataFolder);
        await File.WriteAllTextAsync(Path.Combine(dataFolder, DatabaseOptions.DefaultSqliteFileName), new string('x', 4096));

        var e = await StartFailureAsync(new() { ["Data:Folder"] = dataFolder });

        var invalid = Assert.IsType<InvalidOperationException>(e);
        Assert.Contains("Could not migrate the Sqlite database", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:PostMortem", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultConfigurationCreatesTheDatabaseInTheDataFolderInWalMode()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _folder.Path, DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddPostMortemData(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync(CancellationToken.None).Within();
        await host.StopAsync(CancellationToken.None).Within();

        var file = Path.Combine(_folder.Path, "data", DatabaseOptions.DefaultSqliteFileName);
        Assert.True(File.Exists(file));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}");
        await connection.OpenAsync().Within();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync().Within());
    }

    [Theory]
    [InlineData(null, 2L)]
    [InlineData("Normal", 1L)]
    public async Task EveryConnectionRunsWithTheConfiguredSynchronousMode(string? setting, long expected)
    {
        var settings = new Dictionary<string, string?>();
        if (setting is not null)
        {
            settings["Database:SqliteSynchronous"] = setting;
        }

        await using var data = await DataServices.StartAsync(Path.Combine(_folder.Path, "data"), settings);
        await using var db = await data.Get<IDbContextFactory<PostMortemDbContext>>().CreateDbContextAsync().Within();
        await db.Database.OpenConnectionAsync().Within();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous;";

        Assert.Equal(expected, await command.ExecuteScalarAsync().Within());
    }
}
