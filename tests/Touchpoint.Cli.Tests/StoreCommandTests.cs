using Touchpoint.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Access;

namespace Touchpoint.Cli.Tests;

public abstract class StoreCommandTests(Func<Task<CliStore>> newStore)
{
    [Fact]
    public async Task Exported_events_re_imported_are_all_duplicates_and_load_a_fresh_store_identically()
    {
        var store = await newStore();
        Assert.Equal(0, (await store.RunAsync("demo", "--customers", "20", "--seed", "3")).Exit);
        // Events with unusual handles too: an anonymous visitor and a customer known only by email.
        await store.RunAsync("import", "events", TestFiles.Write("extra.jsonl", """
            {"id":"anon-1","anonymousId":"visitor-9","type":"site.visited","occurredAt":"2026-04-02T09:00:00+02:00","properties":{"note":"a+b, \"quoted\""}}
            {"id":"mail-1","email":"solo@example.com","type":"order.placed","occurredAt":"2026-04-02T09:00:00-05:30","value":10.25,"currency":"USD"}
            """));
        var total = await store.QueryAsync(db => db.Events.CountAsync());
        foreach (var format in new[] { "csv", "jsonl" })
        {
            var file = TestTemp.File($"export.{format}");
            var export = await store.RunAsync("export", "events", "--out", file, "--json");
            Assert.Equal(0, export.Exit);
            Assert.Equal(total, export.Json().GetProperty("written").GetInt32());

            var again = await store.RunAsync("import", "events", file, "--json");
            Assert.True(again.Exit == 0, again.Out + again.Err);
            Assert.Equal(0, again.Json().GetProperty("accepted").GetInt32());
            Assert.Equal(total, again.Json().GetProperty("duplicates").GetInt32());

            var fresh = await newStore();
            var load = await fresh.RunAsync("import", "events", file, "--json");
            Assert.Equal(0, load.Exit);
            Assert.Equal(total, load.Json().GetProperty("accepted").GetInt32());
            var original = await store.QueryAsync(db => db.Events.Where(e => e.ClientEventId == "mail-1").Select(e => new { e.OccurredAtUtc, e.OffsetMinutes, e.Value, e.Currency }).SingleAsync());
            var copy = await fresh.QueryAsync(db => db.Events.Where(e => e.ClientEventId == "mail-1").Select(e => new { e.OccurredAtUtc, e.OffsetMinutes, e.Value, e.Currency }).SingleAsync());
            Assert.Equal(original, copy);
            var props = await fresh.QueryAsync(db => db.Events.Where(e => e.ClientEventId == "anon-1").Select(e => e.PropertiesJson).SingleAsync());
            Assert.Contains("quoted", props);
        }
    }

    [Fact]
    public async Task Exported_customers_re_imported_update_the_same_customers()
    {
        var store = await newStore();
        await store.RunAsync("demo", "--customers", "15");
        var customers = await store.QueryAsync(db => db.Customers.CountAsync());
        var export = await store.RunAsync("export", "customers", "--format", "csv");
        Assert.Equal(0, export.Exit);
        Assert.StartsWith("external_id,name,email,phone,segment,attributes", export.Out);
        var again = await store.RunAsync("import", "customers", TestFiles.Write("customers.csv", export.Out), "--json");
        Assert.Equal(0, again.Exit);
        Assert.Equal(0, again.Json().GetProperty("created").GetInt32());
        Assert.Equal(customers, again.Json().GetProperty("updated").GetInt32());
        Assert.Equal(customers, await store.QueryAsync(db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task Demo_makes_the_asked_number_of_customers_and_the_same_seed_gives_the_same_events()
    {
        var first = await newStore();
        var a = await first.RunAsync("demo", "--customers", "50", "--seed", "7", "--json");
        Assert.Equal(0, a.Exit);
        Assert.Equal(50, a.Json().GetProperty("customers").GetInt32());
        Assert.Equal(50, await first.QueryAsync(db => db.Customers.CountAsync()));
        var events = a.Json().GetProperty("events").GetInt64();
        Assert.Equal(events, await first.QueryAsync(db => db.Events.LongCountAsync()));

        var second = await newStore();
        var b = await second.RunAsync("demo", "--customers", "50", "--seed", "7", "--json");
        Assert.Equal(events, b.Json().GetProperty("events").GetInt64());

        var bySize = await (await newStore()).RunAsync("demo", "--events", "2000", "--json");
        Assert.Equal(0, bySize.Exit);
        Assert.InRange(bySize.Json().GetProperty("events").GetInt64(), 1400, 2600);
    }

    [Fact]
    public async Task Users_and_api_keys_are_created_listed_and_revoked()
    {
        var store = await newStore();
        var created = await store.RunAsync("users", "create", "--email", "maria@northwind.test", "--role", "analyst", "--name", "Maria", "--json");
        Assert.Equal(0, created.Exit);
        var password = created.Json().GetProperty("generatedPassword").GetString()!;
        Assert.Equal(20, password.Length);
        var user = await store.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "maria@northwind.test"));
        Assert.Equal("analyst", user.Role);
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<AppUser>().VerifyHashedPassword(user, user.PasswordHash!, password));
        var shortPassword = await store.RunAsync("users", "create", "--email", "x@northwind.test", "--role", "viewer", "--password", "short");
        Assert.Equal(1, shortPassword.Exit);
        Assert.Contains("at least 12", shortPassword.Err);
        var list = await store.RunAsync("users", "list", "--json");
        Assert.Contains(list.Json().EnumerateArray(), u => u.GetProperty("email").GetString() == "maria@northwind.test");

        var key = await store.RunAsync("apikeys", "create", "--name", "shop webhook", "--role", "agent", "--json");
        Assert.Equal(0, key.Exit);
        var secret = key.Json().GetProperty("secret").GetString()!;
        Assert.StartsWith("tp_", secret);
        var id = key.Json().GetProperty("key").GetProperty("id").GetInt64();
        var stored = await store.QueryAsync(db => db.ApiKeys.SingleAsync(k => k.Id == id));
        Assert.Equal(Touchpoint.Domain.Access.ApiKey.Hash(secret), stored.SecretHash);
        Assert.DoesNotContain(secret, (await store.RunAsync("apikeys", "list")).Out);

        Assert.Equal(0, (await store.RunAsync("apikeys", "revoke", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Exit);
        var keys = await store.RunAsync("apikeys", "list", "--json");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, keys.Json()[0].GetProperty("revokedAt").ValueKind);
        var unknown = await store.RunAsync("apikeys", "revoke", "999");
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("no API key with id 999", unknown.Err);
    }

    [Fact]
    public async Task Migrate_reports_applied_migrations_then_nothing_to_do()
    {
        var store = await newStore();
        var first = await store.RunAsync("migrate", "--json");
        Assert.Equal(0, first.Exit);
        Assert.NotEmpty(first.Json().GetProperty("applied").EnumerateArray());
        var second = await store.RunAsync("migrate");
        Assert.Contains("up to date", second.Out);
    }

    [Fact]
    public async Task Unknown_commands_and_options_print_usage_and_exit_1()
    {
        var store = await newStore();
        var bogus = await store.RunAsync("frobnicate");
        Assert.Equal(1, bogus.Exit);
        Assert.Contains("frobnicate", bogus.Err);
        var option = await store.RunAsync("demo", "--colour", "red");
        Assert.Equal(1, option.Exit);
        Assert.Contains("--colour", option.Err);
        var both = await store.RunAsync("demo", "--customers", "5", "--events", "100");
        Assert.Equal(1, both.Exit);
        Assert.Contains("not both", both.Err);
    }
}

public sealed class StoreCommandsOnSqlite() : StoreCommandTests(SqliteStore.CreateAsync);

public sealed class StoreCommandsOnPostgres() : StoreCommandTests(PostgresStore.CreateAsync);
