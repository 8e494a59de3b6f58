using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Touchpoint.Data.Ingestion;

/// <summary>
/// One prepared SQLite statement executed once per row, with values bound by position (?1, ?2, ...). Runs on the
/// handle of an open <see cref="SqliteConnection"/>, so it takes part in that connection's transaction. Strings are
/// encoded into one reused buffer and times are written straight as UTF-8 in EF Core's text form; the per-row cost
/// is then SQLite's own work.
/// </summary>
public sealed class SqliteRowStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1024);

    public SqliteRowStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
    }

    public void Text(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_stmt, index));
            return;
        }
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(max);
        }
        var n = Encoding.UTF8.GetBytes(value, _buffer);
        // SQLitePCL binds spans with SQLITE_TRANSIENT: SQLite copies the bytes, so the buffer is free again at once.
        Check(raw.sqlite3_bind_text(_stmt, index, _buffer.AsSpan(0, n)));
    }

    public void Int64(int index, long? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    public void Real(int index, double? value) =>
        Check(value is { } v ? raw.sqlite3_bind_double(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    /// <summary>Binds a UTC time as EF Core's SQLite provider stores it ("yyyy-MM-dd HH:mm:ss.FFFFFFF").</summary>
    public void Time(int index, DateTime utc)
    {
        Span<byte> text = stackalloc byte[SqliteTimeText.MaxLength];
        var n = SqliteTimeText.Write(utc, text);
        Check(raw.sqlite3_bind_text(_stmt, index, text[..n]));
    }

    /// <summary>Runs the statement with the values bound; returns the number of rows it changed.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, _db);
        return raw.sqlite3_changes(_db);
    }

    /// <summary>Runs a statement that returns one integer (INSERT ... RETURNING id); null when it returned no row.</summary>
    public long? ExecuteScalarInt64()
    {
        var rc = raw.sqlite3_step(_stmt);
        long? value = rc == raw.SQLITE_ROW ? raw.sqlite3_column_int64(_stmt, 0) : null;
        if (rc == raw.SQLITE_ROW)
        {
            // Drain, so the statement completes (RETURNING writes its rows only when stepped to the end).
            while ((rc = raw.sqlite3_step(_stmt)) == raw.SQLITE_ROW) { }
        }
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
        return value;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose()
    {
        _stmt.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}
