using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

/// <summary>Signed event webhooks: per-source secrets shown once, signature and replay checks, idempotent events.</summary>
public abstract class EventWebhookTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private async Task<(long Id, string Key, string Secret)> SourceAsync()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var key = "shop-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsync("/api/v1/webhooks/event-sources", Json(new { key, name = "Shop" }), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        return (body.GetProperty("source").GetProperty("id").GetInt64(), key, body.GetProperty("secret").GetString()!);
    }

    private static HttpRequestMessage Signed(string source, string secret, string body, string delivery, long? timestamp = null)
    {
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhooks/events/{source}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Touchpoint-Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Touchpoint-Signature", WebhookSignature.Sign(secret, ts, Encoding.UTF8.GetBytes(body)));
        request.Headers.Add("X-Touchpoint-Delivery", delivery);
        return request;
    }

    private static string Batch(string prefix, int n) => JsonSerializer.Serialize(new
    {
        events = Enumerable.Range(0, n).Select(i => new { id = $"{prefix}-{i}", customerId = $"{prefix}-cust", type = "order.placed", occurredAt = $"2026-03-0{i + 1}T10:00:00+01:00" }),
    }, JsonSerializerOptions.Web);

    [Fact]
    public async Task A_signed_delivery_is_stored_under_its_source_and_a_retry_stores_nothing_twice()
    {
        var (_, source, secret) = await SourceAsync();
        var stranger = app.CreateClient();
        var id = Guid.NewGuid().ToString("N")[..8];
        var first = await (await stranger.SendAsync(Signed(source, secret, Batch(id, 3), "d1-" + id), Ct)).ReadJsonAsync();
        Assert.True(first.TryGetProperty("accepted", out _), first.ToString());
        Assert.Equal(3, first.GetProperty("accepted").GetInt32());
        Assert.Equal(3, await app.QueryAsync(db => db.Events.CountAsync(e => e.Source == "wh:" + source, Ct)));

        // The same delivery again is refused as a replay; the same events under a new delivery id are duplicates.
        var replay = await (await stranger.SendAsync(Signed(source, secret, Batch(id, 3), "d1-" + id), Ct)).ProblemAsync(409);
        Assert.Contains("received before", replay.Detail());
        var retry = await (await stranger.SendAsync(Signed(source, secret, Batch(id, 4), "d2-" + id), Ct)).ReadJsonAsync();
        Assert.Equal(1, retry.GetProperty("accepted").GetInt32());
        Assert.Equal(3, retry.GetProperty("duplicates").GetInt32());
        Assert.Equal(4, await app.QueryAsync(db => db.Events.CountAsync(e => e.Source == "wh:" + source, Ct)));
    }

    [Fact]
    public async Task Wrong_signatures_old_timestamps_other_sources_secrets_and_revoked_sources_are_refused_with_problems()
    {
        var (sourceId, source, secret) = await SourceAsync();
        var (_, _, otherSecret) = await SourceAsync();
        var stranger = app.CreateClient();
        var id = Guid.NewGuid().ToString("N")[..8];
        var before = await app.CountsAsync();

        var forged = await (await stranger.SendAsync(Signed(source, "whsec_guessed", Batch(id, 1), "f1-" + id), Ct)).ProblemAsync(401);
        Assert.Contains("signature does not match", forged.Detail());
        var crossed = await (await stranger.SendAsync(Signed(source, otherSecret, Batch(id, 1), "f2-" + id), Ct)).ProblemAsync(401);
        Assert.Contains("signature does not match", crossed.Detail());
        var stale = await (await stranger.SendAsync(Signed(source, secret, Batch(id, 1), "f3-" + id, DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()), Ct)).ProblemAsync(401);
        Assert.Contains("at most 300 s", stale.Detail());
        var tampered = Signed(source, secret, Batch(id, 1), "f4-" + id);
        tampered.Content = new StringContent(Batch(id + "x", 1), Encoding.UTF8, "application/json");
        await (await stranger.SendAsync(tampered, Ct)).ProblemAsync(401);
        var unsigned = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhooks/events/{source}") { Content = Json(Batch(id, 1)) };
        Assert.Contains("signature header is missing", (await (await stranger.SendAsync(unsigned, Ct)).ProblemAsync(401)).Detail());
        var noDelivery = Signed(source, secret, Batch(id, 1), "x");
        noDelivery.Headers.Remove("X-Touchpoint-Delivery");
        (await (await stranger.SendAsync(noDelivery, Ct)).ProblemAsync(400)).ErrorsFor("X-Touchpoint-Delivery");
        await (await stranger.SendAsync(Signed("nosuchsource", secret, Batch(id, 1), "f5-" + id), Ct)).ProblemAsync(401);
        Assert.Equal(before, await app.CountsAsync());

        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var listed = await (await admin.GetAsync("/api/v1/webhooks/event-sources", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/webhooks/event-sources/{sourceId}", Ct)).StatusCode);
        Assert.Contains("no live webhook source", (await (await stranger.SendAsync(Signed(source, secret, Batch(id, 1), "f6-" + id), Ct)).ProblemAsync(401)).Detail());
    }

    [Fact]
    public async Task A_signed_batch_with_bad_rows_stores_the_good_ones_and_reports_the_bad_by_index()
    {
        var (_, source, secret) = await SourceAsync();
        var id = Guid.NewGuid().ToString("N")[..8];
        var body = $$"""{"events":[{"id":"{{id}}-ok","customerId":"c-{{id}}","type":"order.placed","occurredAt":"2026-03-01T10:00:00Z"},{"id":"{{id}}-bad","customerId":"c-{{id}}","type":"order.placed"}]}""";
        var result = await (await app.CreateClient().SendAsync(Signed(source, secret, body, "m-" + id), Ct)).ReadJsonAsync();
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(1, result.GetProperty("rejected")[0].GetProperty("index").GetInt32());
        var notJson = await (await app.CreateClient().SendAsync(Signed(source, secret, "{\"events\":[", "j-" + id), Ct)).ProblemAsync(400);
        Assert.Contains("not valid JSON", notJson.ErrorsFor("body")[0]);
    }

    [Fact]
    public async Task Source_keys_are_checked_and_unique_and_only_admins_manage_sources()
    {
        var admin = await app.ClientWithRoleAsync(Roles.Admin);
        var (_, key, _) = await SourceAsync();
        var bad = await (await admin.PostAsync("/api/v1/webhooks/event-sources", Json(new { key = "Has Spaces", name = "" }), Ct)).ProblemAsync(400);
        Assert.Single(bad.ErrorsFor("key"));
        Assert.Single(bad.ErrorsFor("name"));
        var taken = await (await admin.PostAsync("/api/v1/webhooks/event-sources", Json(new { key, name = "again" }), Ct)).ProblemAsync(400);
        Assert.Contains("exists already", taken.ErrorsFor("key")[0]);
        await (await (await app.ClientWithRoleAsync(Roles.Analyst)).GetAsync("/api/v1/webhooks/event-sources", Ct)).ProblemAsync(403);
    }
}

public sealed class EventWebhooksOnSqlite(SqliteApp app) : EventWebhookTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class EventWebhooksOnPostgres(PostgresApp app) : EventWebhookTests<PostgresApp>(app), IClassFixture<PostgresApp>;
