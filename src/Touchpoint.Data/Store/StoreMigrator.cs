using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Touchpoint.Data.Store;

/// <summary>
/// Applies pending migrations on start, so an upgrade is a restart. On SQLite a consistent copy of the file is
/// kept first (VACUUM INTO, which includes the write-ahead log), so a failed upgrade can be rolled back by hand.
/// </summary>
public sealed class StoreMigrator(TouchpointDbFactory factory, StoreOptions options, ILogger<StoreMigrator> log)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0) return pending;
        if (options.Provider == StoreProvider.Sqlite)
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            if (applied.Count > 0) await BackupSqliteAsync(db, pending[0], ct);
        }
        log.LogInformation("Applying {Count} migration(s): {Names}", pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(ct);
        if (options.Provider == StoreProvider.Sqlite)
        {
            // WAL lets readers (the UI) work while the ingestion writes; NORMAL sync is safe with WAL.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        return pending;
    }

    private async Task BackupSqliteAsync(TouchpointDb db, string nextMigration, CancellationToken ct)
    {
        var file = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:") return;
        var dir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", "backups");
        Directory.CreateDirectory(dir);
        var target = Path.Combine(dir, $"{Path.GetFileNameWithoutExtension(file)}-{DateTime.UtcNow:yyyyMMddHHmmss}-before-{nextMigration}.db");
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "VACUUM INTO $path";
        cmd.Parameters.Add(new SqliteParameter("$path", target));
        await cmd.ExecuteNonQueryAsync(ct);
        log.LogInformation("Kept a copy of the store before migrating: {Path}", target);
    }
}
