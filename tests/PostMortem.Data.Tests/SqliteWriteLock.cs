using Microsoft.Data.Sqlite;

namespace PostMortem.Data.Tests;

/// <summary>
/// Another connection holding a SQLite database's write lock (BEGIN IMMEDIATE) until disposed, when it rolls back:
/// whatever writes to that file waits meanwhile, so a test knows what is queued without timing. Also compiled into
/// Server.Tests (linked), which holds a running server's file the same way.
/// </summary>
internal sealed class SqliteWriteLock : IDisposable
{
    private readonly SqliteConnection _connection;

    private SqliteWriteLock(SqliteConnection connection) => _connection = connection;

    public static async Task<SqliteWriteLock> HoldAsync(string databaseFile)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        await connection.OpenAsync();
        using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        return new SqliteWriteLock(connection);
    }

    public void Dispose()
    {
        using (var rollback = _connection.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        _connection.Dispose();
    }
}
