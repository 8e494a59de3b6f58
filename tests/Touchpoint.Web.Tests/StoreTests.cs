using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Touchpoint.Data.Demo;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Demo;
using Touchpoint.Testing;

namespace Touchpoint.Web.Tests;

public abstract class StoreTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_company_loads_as_generated_and_a_second_load_appends_after_it()
    {
        var loader = app.Services.GetRequiredService<DemoLoader>();
        var factory = app.Services.GetRequiredService<TouchpointDbFactory>();
        long before;
        int ticketsBefore;
        await using (var db = factory.Create())
        {
            before = await db.Events.LongCountAsync(Ct);
            ticketsBefore = await db.Tickets.CountAsync(Ct);
        }

        var first = await loader.LoadAsync(60, seed: 5, progress: null, Ct);
        var expected = new DemoGenerator(new DemoOptions { Customers = 60, Seed = 5 }).Generate().ToList();
        Assert.Equal(expected.Sum(h => h.Events.Count), first.Events);
        await using (var db = factory.Create())
        {
            Assert.Equal(before + first.Events, await db.Events.LongCountAsync(Ct));
            Assert.Equal(ticketsBefore + expected.Sum(h => h.Tickets.Count), await db.Tickets.CountAsync(Ct));
        }

        var second = await loader.LoadAsync(10, seed: 6, progress: null, Ct);
        await using (var db = factory.Create())
        {
            Assert.Equal(before + first.Events + second.Events, await db.Events.LongCountAsync(Ct));
            // Ids were given explicitly; new rows made by the store afterwards must not collide with them.
            var maxId = await db.Customers.MaxAsync(c => c.Id, Ct);
            db.Customers.Add(new Customer { Name = "After the demo", CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
            Assert.True(await db.Customers.MaxAsync(c => c.Id, Ct) > maxId);
        }
    }
}

public sealed class StoreOnSqlite(SqliteApp app) : StoreTests<SqliteApp>(app), IClassFixture<SqliteApp>
{
    [Fact]
    public async Task An_upgrade_keeps_a_copy_of_the_sqlite_file_and_loses_no_data()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = TestTemp.Folder("upgrade");
        var cs = $"Data Source={Path.Combine(dir, "touchpoint.db")}";
        var options = new StoreOptions { Provider = StoreProvider.Sqlite, ConnectionString = cs };
        var factory = new TouchpointDbFactory(() => new SqliteTouchpointDb(new DbContextOptionsBuilder<SqliteTouchpointDb>().UseSqlite(cs).Options));

        // An install from before the latest migration, with a customer in it.
        await using (var db = factory.Create())
        {
            var migrations = db.Database.GetMigrations().ToList();
            Assert.True(migrations.Count >= 2);
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(migrations[^2], ct);
            await db.Database.ExecuteSqlRawAsync("INSERT INTO customers (name, segment, attributes_json, created_at_utc) VALUES ('Kept Customer', '', '{{}}', '2026-01-01 00:00:00')", ct);
        }

        var applied = await new StoreMigrator(factory, options, NullLogger<StoreMigrator>.Instance).MigrateAsync(ct);

        Assert.Single(applied);
        var backup = Assert.Single(Directory.GetFiles(Path.Combine(dir, "backups"), "*.db"));
        Assert.Contains("before-" + applied[0], backup);
        await using (var copy = new SqliteConnection($"Data Source={backup};Mode=ReadOnly"))
        {
            await copy.OpenAsync(ct);
            await using var cmd = copy.CreateCommand();
            cmd.CommandText = "SELECT name FROM customers";
            Assert.Equal("Kept Customer", await cmd.ExecuteScalarAsync(ct));
        }
        await using (var db = factory.Create())
        {
            Assert.Equal("Kept Customer", (await db.Customers.SingleAsync(ct)).Name);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Merges_made_before_the_merge_log_are_logged_by_the_upgrade()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = TestTemp.Folder("merge-log");
        var cs = $"Data Source={Path.Combine(dir, "touchpoint.db")}";
        var factory = new TouchpointDbFactory(() => new SqliteTouchpointDb(new DbContextOptionsBuilder<SqliteTouchpointDb>().UseSqlite(cs).Options));
        await using (var db = factory.Create())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var logged = migrations.FindIndex(m => m.EndsWith("_CustomerMergeLog", StringComparison.Ordinal));
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(migrations[logged - 1], ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO customers (id, name, segment, attributes_json, created_at_utc, merged_into_id) VALUES
                    (1, 'Known', '', '{}', '2026-01-01 00:00:00', NULL),
                    (2, 'Visitor', '', '{}', '2026-01-02 00:00:00', 1),
                    (3, 'Other visitor', '', '{}', '2026-01-03 00:00:00', 1);
                """.Replace("{}", "{{}}", StringComparison.Ordinal), ct);
        }

        await new StoreMigrator(factory, new StoreOptions { Provider = StoreProvider.Sqlite, ConnectionString = cs }, NullLogger<StoreMigrator>.Instance).MigrateAsync(ct);

        await using (var db = factory.Create())
            Assert.Equal([(2L, 1L), (3L, 1L)], (await db.CustomerMerges.OrderBy(m => m.Id).ToListAsync(ct)).Select(m => (m.FromId, m.IntoId)));
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task A_fresh_store_migrates_without_making_a_backup()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = TestTemp.Folder("fresh");
        var cs = $"Data Source={Path.Combine(dir, "touchpoint.db")}";
        var factory = new TouchpointDbFactory(() => new SqliteTouchpointDb(new DbContextOptionsBuilder<SqliteTouchpointDb>().UseSqlite(cs).Options));
        var applied = await new StoreMigrator(factory, new StoreOptions { ConnectionString = cs }, NullLogger<StoreMigrator>.Instance).MigrateAsync(ct);
        Assert.NotEmpty(applied);
        Assert.False(Directory.Exists(Path.Combine(dir, "backups")));
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }
}

public sealed class StoreOnPostgres(PostgresApp app) : StoreTests<PostgresApp>(app), IClassFixture<PostgresApp>;
