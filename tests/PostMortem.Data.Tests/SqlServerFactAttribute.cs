namespace PostMortem.Data.Tests;

/// <summary>
/// A test against a live SQL Server, run only when POSTMORTEM_TEST_SQLSERVER holds a connection string
/// (none runs on this machine). Otherwise it is reported as skipped — never as failed or passed.
/// </summary>
internal sealed class SqlServerFactAttribute : FactAttribute
{
    public const string Variable = "POSTMORTEM_TEST_SQLSERVER";

    public SqlServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"Set {Variable} to a SQL Server connection string to run live SQL Server tests.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
