using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Customers;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

/// <summary>
/// The snippet's public endpoint: a site key limited to its origins, events only for the anonymous visitor, and
/// identify merging the visitor's earlier events into the customer.
/// </summary>
public abstract class SnippetCollectTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private const string Shop = "https://shop.example.com";

    private async Task<(long Id, string Key)> SiteKeyAsync(params string[] origins)
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var created = await admin.PostAsync("/api/v1/site-keys", Json(new { name = "shop " + Guid.NewGuid().ToString("N")[..6], allowedOrigins = origins }), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        return (body.GetProperty("id").GetInt64(), body.GetProperty("key").GetString()!);
    }

    /// <summary>Posts as a browser on <paramref name="origin"/> would: text/plain, no credentials, an Origin header.</summary>
    private Task<HttpResponseMessage> CollectAsync(string key, object body, string? origin = Shop)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/collect?key={key}")
        {
            Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "text/plain"),
        };
        if (origin is not null) request.Headers.Add("Origin", origin);
        return app.CreateClient().SendAsync(request, Ct);
    }

    private static object PageView(string id, string at = "2026-03-01T10:00:00Z") =>
        new { id, type = "page.viewed", occurredAt = at, properties = new { path = "/pricing" } };

    private static string Visitor() => "v" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Identify_moves_the_visitors_earlier_events_onto_the_customer_and_keeps_later_ones_there()
    {
        var (_, key) = await SiteKeyAsync(Shop);
        var visitor = Visitor();
        var email = $"ana-{Guid.NewGuid():N}@shop.example.com";

        var first = await CollectAsync(key, new { anonymousId = visitor, events = new[] { PageView("p1"), PageView("p2", "2026-03-01T10:01:00Z") } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(Shop, first.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(2, (await first.ReadJsonAsync()).GetProperty("accepted").GetInt32());
        var anonymousProfile = await app.QueryAsync(db => db.CustomerIdentities.Where(i => i.Kind == IdentityKind.Anonymous && i.Value == visitor).Select(i => i.CustomerId).SingleAsync(Ct));

        var identified = await CollectAsync(key, new
        {
            anonymousId = visitor,
            events = new[] { new { id = "s1", type = "signup.completed", occurredAt = "2026-03-01T10:02:00Z", properties = (object?)null } },
            identify = new { email, traits = new Dictionary<string, string> { ["name"] = "Ana Souza" } },
        });
        var outcome = (await identified.ReadJsonAsync()).GetProperty("identify");
        Assert.Equal("merged", outcome.GetProperty("outcome").GetString());
        Assert.Equal(anonymousProfile, outcome.GetProperty("mergedCustomerId").GetInt64());
        Assert.Equal(3, outcome.GetProperty("eventsMoved").GetInt32());
        var customerId = outcome.GetProperty("customerId").GetInt64();

        await CollectAsync(key, new { anonymousId = visitor, events = new[] { PageView("p3", "2026-03-01T10:03:00Z") } });

        var reader = await app.ClientWithRoleAsync(Roles.Viewer);
        var timeline = await (await reader.GetAsync($"/api/v1/customers/{customerId}/timeline", Ct)).ReadJsonAsync();
        var types = timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["page.viewed", "signup.completed", "page.viewed", "page.viewed"], types);
        var customer = await (await reader.GetAsync($"/api/v1/customers/{customerId}", Ct)).ReadJsonAsync();
        Assert.Equal("Ana Souza", customer.GetProperty("name").GetString());
        Assert.Equal(customerId, await app.QueryAsync(db => db.Customers.Where(c => c.Id == anonymousProfile).Select(c => c.MergedIntoId).SingleAsync(Ct)));
        Assert.Equal(0, await app.QueryAsync(db => db.Events.CountAsync(e => e.CustomerId == anonymousProfile, Ct)));
        Assert.All(await app.QueryAsync(db => db.Events.Where(e => e.CustomerId == customerId).Select(e => new { e.Source, e.Channel, e.ClientEventId }).ToListAsync(Ct)),
            e => { Assert.Equal("snippet", e.Source); Assert.Equal("web", e.Channel); Assert.StartsWith("web:", e.ClientEventId); });
    }

    [Fact]
    public async Task A_visitor_who_already_is_a_known_customer_is_relinked_not_merged_into_someone_else()
    {
        var (_, key) = await SiteKeyAsync(Shop);
        var visitor = Visitor();
        await CollectAsync(key, new { anonymousId = visitor, events = new[] { PageView("k1") }, identify = new { customerId = "cust-a-" + visitor } });
        var second = await (await CollectAsync(key, new { anonymousId = visitor, events = Array.Empty<object>(), identify = new { customerId = "cust-b-" + visitor } })).ReadJsonAsync();
        Assert.Equal("relinked", second.GetProperty("identify").GetProperty("outcome").GetString());
        // The first customer keeps the event they made; nothing of theirs moved to the second person.
        var firstCustomer = await app.QueryAsync(db => db.CustomerIdentities.Where(i => i.Kind == IdentityKind.External && i.Value == "cust-a-" + visitor).Select(i => i.CustomerId).SingleAsync(Ct));
        Assert.Equal(1, await app.QueryAsync(db => db.Events.CountAsync(e => e.CustomerId == firstCustomer, Ct)));
    }

    [Fact]
    public async Task Other_origins_unknown_or_revoked_keys_and_bad_bodies_are_refused_and_store_nothing()
    {
        var (id, key) = await SiteKeyAsync(Shop, "http://localhost:3000");
        var before = await app.CountsAsync();
        var body = new { anonymousId = Visitor(), events = new[] { PageView("x1") } };

        var foreign = await (await CollectAsync(key, body, "https://evil.example.net")).ProblemAsync(403);
        Assert.Contains("'https://evil.example.net' is not an allowed origin", foreign.Detail());
        Assert.Contains("no Origin header", (await (await CollectAsync(key, body, origin: null)).ProblemAsync(403)).Detail());
        await (await CollectAsync("tp_site_nosuchkey", body)).ProblemAsync(401);

        var noVisitor = await (await CollectAsync(key, new { events = new[] { PageView("x2") } })).ProblemAsync(400);
        Assert.Contains("is required", noVisitor.ErrorsFor("anonymousId")[0]);
        var tooMany = await (await CollectAsync(key, new { anonymousId = Visitor(), events = Enumerable.Range(0, 101).Select(i => PageView($"m{i}")).ToArray() })).ProblemAsync(400);
        Assert.Contains("at most 100", tooMany.ErrorsFor("events")[0]);
        var customerOnEvent = await (await CollectAsync(key, new { anonymousId = Visitor(), events = new[] { new { id = "c1", type = "x", occurredAt = "2026-03-01T10:00:00Z", customerId = "someone" } } })).ProblemAsync(400);
        Assert.Contains("customerId", customerOnEvent.ErrorsFor("body")[0]);
        var huge = new string('a', 70 * 1024);
        await (await CollectAsync(key, new { anonymousId = Visitor(), events = new[] { new { id = "h1", type = "x", occurredAt = "2026-03-01T10:00:00Z", properties = new { huge } } } })).ProblemAsync(413);
        Assert.Equal(before, await app.CountsAsync());

        // A deep property object is one bad row: reported by index, the good row is stored.
        var deep = JsonDocument.Parse("""{"a":{"b":{"c":{"d":{"e":{"f":1}}}}}}""").RootElement;
        var mixed = await (await CollectAsync(key, new { anonymousId = Visitor(), events = new object[] { PageView("g1"), new { id = "d1", type = "x", occurredAt = "2026-03-01T10:00:00Z", properties = deep } } })).ReadJsonAsync();
        Assert.Equal(1, mixed.GetProperty("accepted").GetInt32());
        var rejected = mixed.GetProperty("rejected")[0];
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.Equal("properties", rejected.GetProperty("errors")[0].GetProperty("field").GetString());

        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/site-keys/{id}", Ct)).StatusCode);
        Assert.Contains("no live site key", (await (await CollectAsync(key, body)).ProblemAsync(401)).Detail());
    }

    [Fact]
    public async Task A_site_key_needs_real_origins_and_only_admins_manage_keys()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var problem = await (await admin.PostAsync("/api/v1/site-keys", Json(new { name = "x", allowedOrigins = new[] { "https://ok.example", "https://*.example.com", "https://shop.example/path" } }), Ct)).ProblemAsync(400);
        Assert.Contains("origin", problem.ErrorsFor("allowedOrigins[1]")[0]);
        Assert.Contains("origin", problem.ErrorsFor("allowedOrigins[2]")[0]);
        var created = await (await admin.PostAsync("/api/v1/site-keys", Json(new { name = "docs", allowedOrigins = new[] { "HTTPS://Docs.Example.com/" } }), Ct)).ReadJsonAsync();
        Assert.Equal(["https://docs.example.com"], created.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));
        Assert.Contains("/t.js\" data-key=\"tp_site_", created.GetProperty("snippet").GetString());
        var analyst = await app.ClientWithRoleAsync(Roles.Analyst);
        await (await analyst.GetAsync("/api/v1/site-keys", Ct)).ProblemAsync(403);
    }

    [Fact]
    public async Task The_snippet_script_is_served_to_anyone_as_javascript()
    {
        var response = await app.CreateClient().GetAsync("/t.js", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/api/v1/collect?key=", await response.Content.ReadAsStringAsync(Ct));
    }
}

public sealed class SnippetCollectOnSqlite(SqliteApp app) : SnippetCollectTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class SnippetCollectOnPostgres(PostgresApp app) : SnippetCollectTests<PostgresApp>(app), IClassFixture<PostgresApp>;
