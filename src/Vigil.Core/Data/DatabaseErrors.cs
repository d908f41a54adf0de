using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Vigil.Core.Data;

/// <summary>What a failed write means for the person who sent it, on either database.</summary>
public enum DatabaseFault
{
    /// <summary>Not one of ours to explain: a 500.</summary>
    None,

    /// <summary>Someone else changed or recorded the same thing at the same moment (a concurrency token, a unique index).</summary>
    Conflict,

    /// <summary>A value longer than its column (PostgreSQL checks; SQLite would have stored it).</summary>
    TooLong,
}

public static class DatabaseErrors
{
    /// <summary>
    /// The last line of defence behind the use cases' own checks: two requests racing past a "not yet decided" check, or a
    /// length a validator missed. Classified by error code, never by message text (which holds values).
    /// </summary>
    public static DatabaseFault Classify(Exception? error)
    {
        if (error is DbUpdateConcurrencyException)
        {
            return DatabaseFault.Conflict;
        }
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                    return DatabaseFault.Conflict;
                case PostgresException { SqlState: PostgresErrorCodes.StringDataRightTruncation }:
                    return DatabaseFault.TooLong;
                // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
                case SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }:
                    return DatabaseFault.Conflict;
            }
        }
        return DatabaseFault.None;
    }
}
