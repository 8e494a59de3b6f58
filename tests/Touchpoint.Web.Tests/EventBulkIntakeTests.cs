using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Customers;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

/// <summary>
/// The bulk intake path as it runs at speed (fast body reader, set-based customer resolution, raw row writes):
/// one batch that mixes everything a real feed sends gets every row's fate right, and what is stored reads back
/// through EF Core exactly as it was sent.
/// </summary>
public abstract class EventBulkIntakeTests<TApp>(TApp app) where TApp : TouchpointApp
{
    [Fact]
    public async Task A_mixed_batch_stores_new_rows_skips_stored_and_repeated_ids_resolves_known_and_new_customers_and_reports_bad_rows_by_index()
    {
        var client = await app.ClientWithRoleAsync(Roles.Agent);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var phone = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var known = $"known-{tag}@example.com";
        var first = await client.PostAsync("/api/v1/events/batch", Json($$"""
            {"events":[{"id":"{{tag}}-stored","email":"{{known}}","type":"site.visited","occurredAt":"2026-03-01T10:00:00Z"}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var knownId = await app.QueryAsync(db => db.CustomerIdentities.Where(i => i.Kind == IdentityKind.Email && i.Value == known).Select(i => i.CustomerId).SingleAsync(Ct));
        var before = await app.CountsAsync();

        // Field names in any case, a known customer by email in upper case, new customers by external id, phone and
        // anonymous id, a stored id, a repeated id, bad rows between good ones, and properties with escapes, unicode
        // and nesting, which must be stored as sent.
        var props = """{"title":"Caf\u00e9 \"quoted\"","nested":{"list":[1,2,{"x":null}]},"pt":"ação"}""";
        var response = await client.PostAsync("/api/v1/events/batch", Json($$"""
            {"Events":[
              {"id":"{{tag}}-0","email":"{{known.ToUpperInvariant()}}","type":"order.placed","occurredAt":"2026-03-01T10:00:00.1234500+01:00","value":19.90,"currency":"eur","properties":{{props}} },
              {"id":"{{tag}}-stored","email":"{{known}}","type":"site.visited","occurredAt":"2026-03-01T10:00:00Z"},
              {"ID":"{{tag}}-2","CustomerId":"ext-{{tag}}","Type":"cart.created","OccurredAt":"2026-03-01T09:00:00-03:00","Channel":"Web"},
              {"id":"{{tag}}-3","customerId":"ext-{{tag}}","type":"Bad Type","occurredAt":"2026-03-01T10:00:00Z"},
              {"id":"{{tag}}-2","customerId":"ext-{{tag}}","type":"cart.created","occurredAt":"2026-03-01T10:00:00Z"},
              {"id":"{{tag}}-5","phone":"+351 912 {{phone}}","type":"ticket.created","occurredAt":"2026-03-01T10:00:00Z","properties":null},
              {"id":"{{tag}}-6","type":"site.visited","occurredAt":"2026-03-01T10:00:00Z"},
              {"id":"{{tag}}-7","anonymousId":"anon-{{tag}}","type":"site.visited","occurredAt":"2026-03-01T10:00:00Z","properties":{} },
              {"id":"{{tag}}-8","customerId":"ext-{{tag}}","type":"order.placed","occurredAt":"2026-03-01T10:00:00Z","value":5}
            ]}
            """), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadJsonAsync();
        Assert.Equal(9, report.GetProperty("received").GetInt32());
        Assert.Equal(4, report.GetProperty("accepted").GetInt32());
        Assert.Equal(2, report.GetProperty("duplicates").GetInt32());
        var rejected = report.GetProperty("rejected").EnumerateArray()
            .ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString() ?? "").ToArray());
        Assert.Equal([3, 6, 8], rejected.Keys.Order());
        Assert.Equal(["type"], rejected[3]);
        Assert.Equal(["customerId"], rejected[6]);
        Assert.Equal(["currency"], rejected[8]);

        var stored = await app.QueryAsync(db => db.Events.AsNoTracking().Where(e => e.ClientEventId.StartsWith(tag)).OrderBy(e => e.ClientEventId).ToListAsync(Ct));
        Assert.Equal([$"{tag}-0", $"{tag}-2", $"{tag}-5", $"{tag}-7", $"{tag}-stored"], stored.Select(e => e.ClientEventId));
        var order = stored[0];
        Assert.Equal(knownId, order.CustomerId);
        Assert.Equal(new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc).AddTicks(1_234_500), order.OccurredAtUtc);
        Assert.Equal(60, order.OffsetMinutes);
        Assert.Equal(19.90m, order.Value);
        Assert.Equal("EUR", order.Currency);
        Assert.Equal(props, order.PropertiesJson);
        Assert.Equal("api", order.Source);
        var cart = stored[1];
        Assert.Equal(("cart.created", "web", -180), (cart.Type, cart.Channel, (int)cart.OffsetMinutes));
        Assert.Null(cart.PropertiesJson);
        Assert.Null(stored[2].PropertiesJson);
        Assert.Equal("{}", stored[3].PropertiesJson);

        // Three new customers (external id, phone, anonymous), each with its identity link; the known one reused.
        var after = await app.CountsAsync();
        Assert.Equal(before.Customers + 3, after.Customers);
        Assert.Equal(before.Identities + 3, after.Identities);
        Assert.Equal(before.Events + 4, after.Events);
        var created = await app.QueryAsync(db => db.Customers.AsNoTracking()
            .Where(c => c.ExternalId == $"ext-{tag}" || c.Phone == $"+351912{phone}" || c.Id == stored[3].CustomerId).ToListAsync(Ct));
        Assert.Equal(3, created.Count);
        Assert.Contains(created, c => c.Id == cart.CustomerId && c.Name == $"ext-{tag}");
        Assert.Contains(created, c => c.Id == stored[2].CustomerId && c.Phone == $"+351912{phone}");
        Assert.Contains(created, c => c.Id == stored[3].CustomerId && c.Segment == "anonymous");

        // The customer search (a trigger on SQLite, a generated column on PostgreSQL) finds a customer made by the bulk path.
        var found = await (await client.GetAsync($"/api/v1/customers?q=ext-{tag}", Ct)).ReadJsonAsync();
        Assert.Equal(cart.CustomerId, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Concurrent_batches_for_the_same_customers_store_every_event_once_and_create_each_customer_once()
    {
        var client = await app.ClientWithRoleAsync(Roles.Agent);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var before = await app.CountsAsync();
        // Four batches at once, each naming the same five customers that do not exist yet; two repeat another's ids.
        var batches = Enumerable.Range(0, 4).Select(b => new
        {
            events = Enumerable.Range(0, 500).Select(i => Ev($"{tag}-{(b % 2 == 1 ? b - 1 : b)}-{i}", $"c-{tag}-{i % 5}")).ToArray(),
        });
        var reports = await Task.WhenAll(batches.Select(async b => await (await client.PostAsync("/api/v1/events/batch", Json(b), Ct)).ReadJsonAsync()));

        Assert.Equal(1000, reports.Sum(r => r.GetProperty("accepted").GetInt32()));
        Assert.Equal(1000, reports.Sum(r => r.GetProperty("duplicates").GetInt32()));
        var after = await app.CountsAsync();
        Assert.Equal(before.Events + 1000, after.Events);
        Assert.Equal(before.Customers + 5, after.Customers);
        Assert.Equal(before.Identities + 5, after.Identities);
    }

    private static object Ev(string id, string customer) =>
        new { id, customerId = customer, type = "site.visited", occurredAt = "2026-03-01T10:00:00Z", properties = new { page = "/" } };
}

public sealed class EventBulkIntakeOnSqlite(SqliteApp app) : EventBulkIntakeTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class EventBulkIntakeOnPostgres(PostgresApp app) : EventBulkIntakeTests<PostgresApp>(app), IClassFixture<PostgresApp>;
