using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PostMortem.Data.Internal;

namespace PostMortem.Data.Tests;

/// <summary>
/// The migrations and the committed SQL Server script follow the model. SQL Server is exercised
/// without a server: building its model and generating its script open no connection.
/// </summary>
public sealed class ModelAndScriptTests
{
    private const string ScriptPath = "infra/postmortem-sqlserver.sql";

    private static PostMortemDbContext Context(DatabaseProvider provider)
    {
        var builder = new DbContextOptionsBuilder<PostMortemDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions
        {
            Provider = provider.ToString(),
            ConnectionString = provider == DatabaseProvider.Sqlite
                ? "Data Source=never-opened.db"
                : "Server=never-opened;Database=PostMortem;TrustServerCertificate=True",
        });
        return new PostMortemDbContext(builder.Options);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void MigrationsOfEachProviderMatchTheModel(DatabaseProvider provider)
    {
        using var db = Context(provider);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} model has changes no migration holds: run dotnet ef migrations add (docs/PERSISTENCE.md).");
    }

    [Fact]
    public void CommittedSqlServerScriptIsTheOneTheMigrationsGenerate()
    {
        using var db = Context(DatabaseProvider.SqlServer);
        var generated = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, ScriptPath));

        Assert.True(Normalise(generated) == Normalise(committed),
            "infra/sql/postmortem-sqlserver.sql is out of date: regenerate it with dotnet ef migrations script --idempotent (docs/PERSISTENCE.md).");
    }

    [Fact]
    public void SqlServerScriptCreatesEveryTableOfTheModel()
    {
        using var db = Context(DatabaseProvider.SqlServer);
        var committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, ScriptPath));

        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()))
        {
            Assert.Contains($"CREATE TABLE [{table}]", committed, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void IncidentLogQueriesTranslateForEachProvider(DatabaseProvider provider)
    {
        using var db = Context(provider);
        var everything = new Records.IncidentFilter(Core.Model.IncidentType.Deployment, Core.Model.IncidentStatus.FollowUp,
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "50%_off");

        var list = Records.IncidentLog.ListQuery(db, everything, new DateOnly(2026, 4, 1)).ToQueryString();
        var overdue = Records.IncidentLog.ActionsQuery(db, overdueOnly: true, new DateOnly(2026, 4, 1)).ToQueryString();

        Assert.Contains("LIKE", list, StringComparison.Ordinal);
        Assert.Contains("ESCAPE", list, StringComparison.Ordinal);
        Assert.Contains("DueDate", overdue, StringComparison.Ordinal);
    }

    private static string Normalise(string script) =>
        script.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
