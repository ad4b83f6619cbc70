using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PostMortem.Data.Internal;

internal static class DbErrors
{
    /// <summary>A write lost a race on a primary key or unique index (someone else inserted first).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException is DbException inner && IsUniqueViolation(inner);

    /// <summary>The same, for a command run without EF (the journal writer).</summary>
    public static bool IsUniqueViolation(DbException e) => e switch
    {
        // SQLITE_CONSTRAINT_PRIMARYKEY (1555) and SQLITE_CONSTRAINT_UNIQUE (2067).
        SqliteException s => s.SqliteExtendedErrorCode is 1555 or 2067,
        // Violation of PRIMARY KEY / UNIQUE constraint (2627), duplicate key in unique index (2601).
        SqlException s => s.Number is 2627 or 2601,
        _ => false,
    };
}
