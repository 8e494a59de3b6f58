using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

/// <summary>
/// Bad input on the intake routes: each gets a clear problem document or row error with the right status, and
/// nothing already stored changes (row counts before and after).
/// </summary>
public abstract class EventIntakeBadInputTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private static object Event(string id, string customerId = "cust-1", string occurredAt = "2026-03-01T10:00:00+01:00", string type = "page_view") =>
        new { id, customerId, type, channel = "web", occurredAt };

    private static object Batch(params object[] events) => new { events };

    private async Task<HttpClient> WriterAsync() => await app.ClientWithRoleAsync(Roles.Analyst);

    /// <summary>Seeds a stored event so "nothing changed" is checked against a store that holds something.</summary>
    private async Task<HttpClient> SeededWriterAsync()
    {
        var client = await WriterAsync();
        var seeded = await client.PostAsync("/api/v1/events/batch", Json(Batch(Event("seed-" + Guid.NewGuid()))), Ct);
        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        return client;
    }

    [Theory]
    [InlineData("/api/v1/events/batch", """{"events":[{"id":"a",""")]
    [InlineData("/api/v1/events", """{"id":"a" "type":"x"}""")]
    [InlineData("/api/v1/customers", """{"name":'single quotes'}""")]
    public async Task Malformed_json_is_a_400_problem_with_a_detail_and_stores_nothing(string path, string body)
    {
        var client = await SeededWriterAsync();
        var before = await app.CountsAsync();
        var problem = await (await client.PostAsync(path, Json(body), Ct)).ProblemAsync(400);
        Assert.Contains("not valid JSON", problem.Detail());
        Assert.Equal(before, await app.CountsAsync());
    }

    [Theory]
    [InlineData("/api/v1/events", """{"id":"t1","customerId":"c","type":"x","occurredAt":"2026-03-01T10:00:00Z","value":"abc","currency":"EUR"}""", "value")]
    [InlineData("/api/v1/events/batch", """{"events":[{"id":"t2","customerId":"c","type":"x","occurredAt":"2026-03-01T10:00:00Z","value":"abc"}]}""", "events[0].value")]
    [InlineData("/api/v1/events/batch", """{"events":{"id":"t3"}}""", "events")]
    [InlineData("/api/v1/customers", """{"name":123}""", "name")]
    [InlineData("/api/v1/customers", """{"name":"Ana","attributes":["not","a","map"]}""", "attributes")]
    public async Task A_value_of_the_wrong_type_is_a_400_problem_naming_the_field(string path, string body, string field)
    {
        var client = await SeededWriterAsync();
        var before = await app.CountsAsync();
        var problem = await (await client.PostAsync(path, Json(body), Ct)).ProblemAsync(400);
        Assert.Contains("wrong type", problem.ErrorsFor(field).Single());
        Assert.Equal(before, await app.CountsAsync());
    }

    [Theory]
    [InlineData("/api/v1/events", """{"id":"u1","customerId":"c","type":"x","occurredAt":"2026-03-01T10:00:00Z","ocurredAt":"typo"}""", "ocurredAt")]
    [InlineData("/api/v1/events/batch", """{"events":[{"id":"u2","customerId":"c","type":"x","occurredAt":"2026-03-01T10:00:00Z","colour":"red"}]}""", "events[0].colour")]
    [InlineData("/api/v1/events/batch", """{"evnts":[]}""", "evnts")]
    [InlineData("/api/v1/customers", """{"name":"Ana","emial":"ana@example.com"}""", "emial")]
    public async Task An_unknown_field_is_a_400_problem_naming_the_field(string path, string body, string field)
    {
        var client = await SeededWriterAsync();
        var before = await app.CountsAsync();
        var problem = await (await client.PostAsync(path, Json(body), Ct)).ProblemAsync(400);
        Assert.Contains("Unknown field", problem.ErrorsFor(field).Single());
        Assert.DoesNotContain("Touchpoint.", problem.Detail()); // no .NET type names
        Assert.Equal(before, await app.CountsAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        var client = await WriterAsync();
        var response = await client.PostAsync("/api/v1/events/batch", new StringContent("id,type", System.Text.Encoding.UTF8, "text/csv"), Ct);
        Assert.Contains("application/json", (await response.ProblemAsync(415)).Detail());
    }

    [Fact]
    public async Task A_method_the_route_does_not_have_is_a_405_problem_not_a_404()
    {
        var client = await WriterAsync();
        await (await client.DeleteAsync("/api/v1/events/batch", Ct)).ProblemAsync(405);
    }

    [Fact]
    public async Task A_batch_over_10000_events_is_a_400_problem_naming_events_and_stores_nothing()
    {
        var client = await SeededWriterAsync();
        var before = await app.CountsAsync();
        var events = Enumerable.Range(0, 10_001).Select(i => Event($"big-{i}", $"big-cust-{i % 7}")).ToArray();
        var problem = await (await client.PostAsync("/api/v1/events/batch", Json(Batch(events)), Ct)).ProblemAsync(400);
        Assert.Contains("10001", problem.ErrorsFor("events").Single().Replace(",", ""));
        Assert.Equal(before, await app.CountsAsync());
    }

    [Fact]
    public async Task An_empty_or_missing_events_list_is_a_400_problem_naming_events()
    {
        var client = await WriterAsync();
        Assert.NotEmpty((await (await client.PostAsync("/api/v1/events/batch", Json("""{"events":[]}"""), Ct)).ProblemAsync(400)).ErrorsFor("events"));
        Assert.NotEmpty((await (await client.PostAsync("/api/v1/events/batch", Json("{}"), Ct)).ProblemAsync(400)).ErrorsFor("events"));
    }

    [Fact]
    public async Task A_batch_with_some_bad_rows_stores_the_good_ones_and_reports_the_bad_by_index_and_field()
    {
        var client = await SeededWriterAsync();
        var before = await app.CountsAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var response = await client.PostAsync("/api/v1/events/batch", Json(Batch(
            Event($"{tag}-0", "mixed-1"),
            Event($"{tag}-1", "mixed-1", occurredAt: "2026-03-01T10:00:00"),
            Event($"{tag}-2", "mixed-1", type: "Not A Type!"),
            Event($"{tag}-3", "mixed-1"),
            new { id = $"{tag}-4", type = "page_view", occurredAt = "2026-03-01T10:00:00Z" })), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadJsonAsync();
        Assert.Equal(5, report.GetProperty("received").GetInt32());
        Assert.Equal(2, report.GetProperty("accepted").GetInt32());
        Assert.Equal(0, report.GetProperty("duplicates").GetInt32());
        var rejected = report.GetProperty("rejected").EnumerateArray()
            .ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString() ?? "").ToArray());
        Assert.Equal([1, 2, 4], rejected.Keys.Order());
        Assert.Equal(["occurredAt"], rejected[1]);
        Assert.Equal(["type"], rejected[2]);
        Assert.Equal(["customerId"], rejected[4]);
        Assert.Contains("offset", report.GetProperty("rejected")[0].GetProperty("errors")[0].GetProperty("message").GetString());

        var stored = await app.QueryAsync(db => db.Events.Where(e => e.ClientEventId.StartsWith(tag)).Select(e => e.ClientEventId).OrderBy(x => x).ToListAsync(Ct));
        Assert.Equal([$"{tag}-0", $"{tag}-3"], stored);
        var after = await app.CountsAsync();
        Assert.Equal(before.Events + 2, after.Events);
    }

    [Fact]
    public async Task A_date_without_an_offset_is_a_row_error_on_occurredAt_and_a_400_on_the_single_route()
    {
        var client = await SeededWriterAsync();
        var before = await app.CountsAsync();
        var problem = await (await client.PostAsync("/api/v1/events", Json(Event("no-offset-1", occurredAt: "2026-03-01T10:00:00")), Ct)).ProblemAsync(400);
        Assert.Contains("offset", problem.ErrorsFor("occurredAt").Single());
        var dateOnly = await (await client.PostAsync("/api/v1/events", Json(Event("no-offset-2", occurredAt: "2026-03-01")), Ct)).ProblemAsync(400);
        Assert.NotEmpty(dateOnly.ErrorsFor("occurredAt"));
        Assert.Equal(before, await app.CountsAsync());
    }

    [Fact]
    public async Task Duplicate_event_ids_are_stored_once_and_answered_as_duplicates_within_and_across_batches()
    {
        var client = await SeededWriterAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var first = await (await client.PostAsync("/api/v1/events/batch", Json(Batch(
            Event($"{tag}-a", "dup-1"), Event($"{tag}-a", "dup-1"), Event($"{tag}-b", "dup-1"))), Ct)).ReadJsonAsync();
        Assert.Equal((3, 2, 1, 0), Report(first));
        var before = await app.CountsAsync();

        var second = await client.PostAsync("/api/v1/events/batch", Json(Batch(Event($"{tag}-a", "dup-1"), Event($"{tag}-b", "dup-1"), Event($"{tag}-c", "dup-1"))), Ct);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((3, 1, 2, 0), Report(await second.ReadJsonAsync()));
        Assert.Equal(before.Events + 1, (await app.CountsAsync()).Events);

        var single = await client.PostAsync("/api/v1/events", Json(Event($"{tag}-c", "dup-1")), Ct);
        Assert.Equal(HttpStatusCode.OK, single.StatusCode); // 200 "already stored", not 201 and not an error
        Assert.Equal(1, (await single.ReadJsonAsync()).GetProperty("duplicates").GetInt32());
        Assert.Equal(3, await app.QueryAsync(db => db.Events.CountAsync(e => e.ClientEventId.StartsWith(tag), Ct)));
    }

    [Fact]
    public async Task An_event_for_an_unknown_customer_creates_that_customer_once()
    {
        var client = await WriterAsync();
        var handle = "new-" + Guid.NewGuid().ToString("N")[..8];
        var before = await app.CountsAsync();
        var created = await client.PostAsync("/api/v1/events", Json(Event(handle + "-e1", handle)), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await client.PostAsync("/api/v1/events/batch", Json(Batch(Event(handle + "-e2", handle), Event(handle + "-e3", handle))), Ct);
        Assert.Equal(before.Customers + 1, (await app.CountsAsync()).Customers);

        var list = await (await client.GetAsync($"/api/v1/customers?q={handle}", Ct)).ReadJsonAsync();
        var customer = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(handle, customer.GetProperty("externalId").GetString());
        var timeline = await (await client.GetAsync($"/api/v1/customers/{customer.GetProperty("id").GetInt64()}/timeline", Ct)).ReadJsonAsync();
        Assert.Equal(3, timeline.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Properties_that_are_too_deep_or_too_large_are_row_errors_on_properties()
    {
        var client = await WriterAsync();
        var deep = JsonSerializer.Deserialize<JsonElement>("""{"a":{"b":{"c":{"d":{"e":{"f":1}}}}}}""");
        var large = new Dictionary<string, string> { ["text"] = new string('x', 17 * 1024) };
        var report = await (await client.PostAsync("/api/v1/events/batch", Json(Batch(
            new { id = "p1", customerId = "p", type = "x", occurredAt = "2026-03-01T10:00:00Z", properties = deep },
            new { id = "p2", customerId = "p", type = "x", occurredAt = "2026-03-01T10:00:00Z", properties = large })), Ct)).ReadJsonAsync();
        var errors = report.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("errors")[0].GetProperty("field").GetString() ?? "").ToArray();
        Assert.Equal(["properties", "properties"], errors);
    }

    private static (int Received, int Accepted, int Duplicates, int Rejected) Report(JsonElement r) =>
        (r.GetProperty("received").GetInt32(), r.GetProperty("accepted").GetInt32(), r.GetProperty("duplicates").GetInt32(), r.GetProperty("rejected").GetArrayLength());
}

public sealed class EventIntakeBadInputOnSqlite(SqliteApp app) : EventIntakeBadInputTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class EventIntakeBadInputOnPostgres(PostgresApp app) : EventIntakeBadInputTests<PostgresApp>(app), IClassFixture<PostgresApp>;
