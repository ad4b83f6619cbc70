using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PostMortem.Data.Entities;
using PostMortem.Data.Internal;

namespace PostMortem.Data.Journal;

/// <summary>
/// The journal writer's connection: opened through EF Core (so the provider's connection settings apply — with
/// SQLite the per-connection pragmas, synchronous=FULL among them), then used with plain ADO.NET commands prepared
/// once: an insert run once per entry inside one transaction per batch, and a read of a stored entry. Table and
/// column names come from the EF model, which stays the schema's owner (its migrations create the table).
/// Works for both providers (Microsoft.Data.Sqlite, Microsoft.Data.SqlClient); used by one thread only.
/// </summary>
internal sealed class JournalConnection : IDisposable
{
    private readonly PostMortemDbContext _db;
    private readonly DbConnection _connection;
    private readonly DbCommand _insert;
    private readonly DbParameter[] _insertParameters;
    private readonly DbCommand _read;
    private readonly DbParameter[] _readParameters;
    private bool _prepared;

    private JournalConnection(PostMortemDbContext db)
    {
        _db = db;
        _connection = db.Database.GetDbConnection();
        var entity = db.Model.FindEntityType(typeof(JournalEntryRow))
            ?? throw new InvalidOperationException("The model has no journal entry type.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var sizes = !db.Database.IsSqlite(); // SQL Server prepares with declared sizes; SQLite would truncate to them
        var board = entity.FindProperty(nameof(JournalEntryRow.BoardId))!;
        var seq = entity.FindProperty(nameof(JournalEntryRow.Seq))!;
        var json = entity.FindProperty(nameof(JournalEntryRow.EntryJson))!;
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(table)!);
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);

        _insert = _connection.CreateCommand();
        _insert.CommandText = $"INSERT INTO {tableName} ({Column(board)}, {Column(seq)}, {Column(json)}) VALUES (@board, @seq, @json)";
        _insertParameters =
        [
            Parameter(_insert, "@board", DbType.String, sizes ? board.GetMaxLength() ?? -1 : null),
            Parameter(_insert, "@seq", DbType.Int64, null),
            Parameter(_insert, "@json", DbType.String, sizes ? json.GetMaxLength() ?? -1 : null),
        ];
        _read = _connection.CreateCommand();
        _read.CommandText = $"SELECT {Column(json)} FROM {tableName} WHERE {Column(board)} = @board AND {Column(seq)} = @seq";
        _readParameters =
        [
            Parameter(_read, "@board", DbType.String, sizes ? board.GetMaxLength() ?? -1 : null),
            Parameter(_read, "@seq", DbType.Int64, null),
        ];
    }

    public static JournalConnection Open(IDbContextFactory<PostMortemDbContext> contexts)
    {
        var db = contexts.CreateDbContext();
        try
        {
            db.Database.OpenConnection();
            return new JournalConnection(db);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Inserts every entry in one transaction and commits it (the one fsync of the batch).</summary>
    public void Commit(IReadOnlyList<JournalAppend> batch)
    {
        using var transaction = _connection.BeginTransaction();
        _insert.Transaction = transaction;
        if (!_prepared)
        {
            _insert.Prepare();
            _prepared = true;
        }

        foreach (var append in batch)
        {
            _insertParameters[0].Value = append.BoardId;
            _insertParameters[1].Value = append.Seq;
            _insertParameters[2].Value = append.Json;
            _insert.ExecuteNonQuery();
        }

        transaction.Commit();
        _insert.Transaction = null;
    }

    /// <summary>Commits the one entry; when its (board, seq) is already journaled, returns what is stored there
    /// instead (null when the entry was written now).</summary>
    public string? CommitOneOrRead(JournalAppend append)
    {
        try
        {
            Commit([append]);
            return null;
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            _insert.Transaction = null;
            _readParameters[0].Value = append.BoardId;
            _readParameters[1].Value = append.Seq;
            return _read.ExecuteScalar() as string
                ?? throw new InvalidOperationException($"Seq {append.Seq} of board {append.BoardId} collided but cannot be read.", e);
        }
    }

    public void Dispose()
    {
        _insert.Dispose();
        _read.Dispose();
        _db.Dispose(); // closes the connection EF opened
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type, int? size)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        if (size is { } s)
        {
            parameter.Size = s;
        }

        command.Parameters.Add(parameter);
        return parameter;
    }
}
