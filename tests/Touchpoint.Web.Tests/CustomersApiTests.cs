using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Voice;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

public abstract class CustomersApiTests<TApp>(TApp app) where TApp : TouchpointApp
{
    /// <summary>A word no other test uses, so searches and filters see only this test's customers.</summary>
    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsync("/api/v1/customers", Json(body), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task A_customer_is_created_read_back_and_updated()
    {
        var client = await app.ClientWithRoleAsync(Roles.Analyst);
        var w = Word();
        var response = await client.PostAsync("/api/v1/customers", Json(new { name = $"Ana {w}", email = $"ana.{w}@example.com", segment = "SMB", attributes = new { plan = "pro" } }), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/customers/{id}", response.Headers.Location!.ToString());

        var read = await (await client.GetAsync($"/api/v1/customers/{id}", Ct)).ReadJsonAsync();
        Assert.Equal($"Ana {w}", read.GetProperty("name").GetString());
        Assert.Equal("smb", read.GetProperty("segment").GetString());
        Assert.Equal("pro", read.GetProperty("attributes").GetProperty("plan").GetString());
        Assert.Contains(read.GetProperty("identities").EnumerateArray(), i => i.GetProperty("kind").GetString() == "email");

        var updated = await client.PutAsync($"/api/v1/customers/{id}", Json(new { name = $"Ana Souza {w}", email = $"ana.{w}@example.com", segment = "enterprise" }), Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var again = await (await client.GetAsync($"/api/v1/customers/{id}", Ct)).ReadJsonAsync();
        Assert.Equal($"Ana Souza {w}", again.GetProperty("name").GetString());
        Assert.Equal("enterprise", again.GetProperty("segment").GetString());
    }

    [Fact]
    public async Task Search_finds_a_customer_by_part_of_the_name_or_part_of_the_email()
    {
        var client = await app.ClientWithRoleAsync(Roles.Analyst);
        var (w, domain) = (Word(), Word());
        var id = (await CreateAsync(client, new { name = $"Marguerite {w} Lindqvist", email = $"m.lindqvist@{domain}.example.org" })).GetProperty("id").GetInt64();
        await CreateAsync(client, new { name = $"Someone Else {Word()}" });

        foreach (var q in new[] { w, w[..6], $"marguerite {w}", domain, $"{domain}.example" })
        {
            var items = (await (await client.GetAsync($"/api/v1/customers?q={Uri.EscapeDataString(q)}", Ct)).ReadJsonAsync()).GetProperty("items");
            Assert.True(items.GetArrayLength() == 1, $"q={q} found {items.GetArrayLength()}");
            Assert.Equal(id, items[0].GetProperty("id").GetInt64());
        }
        var none = await (await client.GetAsync($"/api/v1/customers?q={w}+nobodyhasthisword", Ct)).ReadJsonAsync();
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_segment_filter_returns_only_that_segment_whatever_its_case()
    {
        var client = await app.ClientWithRoleAsync(Roles.Analyst);
        var segment = Word();
        var inSegment = new[]
        {
            (await CreateAsync(client, new { name = "In One", segment })).GetProperty("id").GetInt64(),
            (await CreateAsync(client, new { name = "In Two", segment = segment.ToUpperInvariant() })).GetProperty("id").GetInt64(),
        };
        await CreateAsync(client, new { name = "Out", segment = Word() });
        foreach (var asked in new[] { segment, segment.ToUpperInvariant() })
        {
            var items = (await (await client.GetAsync($"/api/v1/customers?segment={asked}", Ct)).ReadJsonAsync()).GetProperty("items");
            Assert.Equal(inSegment.Order(), items.EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Order());
        }
    }

    [Fact]
    public async Task An_email_that_belongs_to_another_customer_is_a_409_problem_and_changes_nothing()
    {
        var client = await app.ClientWithRoleAsync(Roles.Analyst);
        var w = Word();
        var first = await CreateAsync(client, new { name = "First", email = $"{w}@example.com" });
        var second = await CreateAsync(client, new { name = "Second", email = $"other.{w}@example.com" });
        var before = await app.CountsAsync();

        var problem = await (await client.PostAsync("/api/v1/customers", Json(new { name = "Copy", email = $"{w.ToUpperInvariant()}@Example.com" }), Ct)).ProblemAsync(409);
        Assert.Contains(first.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Detail());
        var secondId = second.GetProperty("id").GetInt64();
        await (await client.PutAsync($"/api/v1/customers/{secondId}", Json(new { name = "Second renamed", email = $"{w}@example.com" }), Ct)).ProblemAsync(409);

        Assert.Equal(before, await app.CountsAsync());
        var unchanged = await (await client.GetAsync($"/api/v1/customers/{secondId}", Ct)).ReadJsonAsync();
        Assert.Equal("Second", unchanged.GetProperty("name").GetString());
        Assert.Equal($"other.{w}@example.com", unchanged.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Invalid_fields_are_a_400_problem_with_errors_keyed_by_the_camel_case_field()
    {
        var client = await app.ClientWithRoleAsync(Roles.Analyst);
        var before = await app.CountsAsync();
        var problem = await (await client.PostAsync("/api/v1/customers", Json(new { email = "not-an-email", externalId = new string('x', 201) }), Ct)).ProblemAsync(400);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["email", "externalId", "name"], fields);
        Assert.Equal(before, await app.CountsAsync());
    }

    [Fact]
    public async Task Cursor_paging_returns_every_customer_exactly_once()
    {
        var client = await app.ClientWithRoleAsync(Roles.Analyst);
        for (var i = 0; i < 7; i++) await CreateAsync(client, new { name = $"Paged {i} {Word()}" });
        var expected = await app.QueryAsync(db => db.Customers.Where(c => c.MergedIntoId == null).Select(c => c.Id).ToListAsync(Ct));

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await client.GetAsync("/api/v1/customers?limit=3" + (cursor is null ? "" : "&cursor=" + cursor), Ct)).ReadJsonAsync();
            var items = page.GetProperty("items");
            Assert.InRange(items.GetArrayLength(), 1, 3);
            seen.AddRange(items.EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 100);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(expected.Order(), seen.Order());
        Assert.True(pages >= 3);
    }

    [Theory]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=FORGED", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=abc", "limit")]
    public async Task A_forged_cursor_or_a_limit_out_of_range_is_a_400_problem_naming_the_parameter(string query, string field)
    {
        var client = await app.ClientWithRoleAsync(Roles.Viewer);
        query = query.Replace("FORGED", Base64Url.EncodeToString(Encoding.UTF8.GetBytes("id:1 OR 1=1")), StringComparison.Ordinal);
        foreach (var path in new[] { "/api/v1/customers", "/api/v1/events", "/api/v1/tickets" })
        {
            var problem = await (await client.GetAsync($"{path}?{query}", Ct)).ProblemAsync(400);
            Assert.NotEmpty(problem.ErrorsFor(field));
        }
    }

    [Fact]
    public async Task The_timeline_shows_the_ticket_its_messages_and_the_survey_answer_made_through_the_api()
    {
        var agent = await app.ClientWithRoleAsync(Roles.Agent);
        var w = Word();
        var customer = (await CreateAsync(agent, new { name = $"Timeline {w}", email = $"{w}@example.com" })).GetProperty("id").GetInt64();
        var surveyId = await app.QueryAsync(async db =>
        {
            var s = new Survey { Name = "After ticket", Kind = SurveyKind.Csat, Status = SurveyStatus.Live, Question = "How did we do?", CreatedAtUtc = DateTime.UtcNow };
            db.Surveys.Add(s);
            await db.SaveChangesAsync(Ct);
            return s.Id;
        });

        var ticket = await agent.PostAsync("/api/v1/tickets", Json(new { customerId = customer, subject = "Parcel late", message = "Where is my parcel?", channel = "email" }), Ct);
        Assert.Equal(HttpStatusCode.Created, ticket.StatusCode);
        var ticketId = (await ticket.ReadJsonAsync()).GetProperty("ticket").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsync($"/api/v1/tickets/{ticketId}/messages", Json(new { body = "It ships today." }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsync($"/api/v1/tickets/{ticketId}/messages", Json(new { body = "internal note", @internal = true }), Ct)).StatusCode);
        var answer = await agent.PostAsync($"/api/v1/surveys/{surveyId}/responses",
            Json(new { id = "resp-" + w, email = $"{w.ToUpperInvariant()}@example.com", score = 5, ticketId, answeredAt = "2026-03-02T09:00:00+01:00" }), Ct);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        var responseId = (await answer.ReadJsonAsync()).GetProperty("id").GetInt64();
        // Idempotent by client response id: a retry answers 200 with the stored answer and stores nothing new.
        var retry = await agent.PostAsync($"/api/v1/surveys/{surveyId}/responses", Json(new { id = "resp-" + w, email = $"{w}@example.com", score = 5 }), Ct);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(responseId, (await retry.ReadJsonAsync()).GetProperty("id").GetInt64());

        var timeline = await (await agent.GetAsync($"/api/v1/customers/{customer}/timeline", Ct)).ReadJsonAsync();
        var entries = timeline.GetProperty("items").EnumerateArray()
            .Select(e => (Type: e.GetProperty("type").GetString(), Link: e.GetProperty("link").GetString())).ToList();
        // Ticket opened, the customer's message, the agent's reply and the answer; the internal note is no touchpoint.
        Assert.Equal(["survey.answered", "ticket.created", "ticket.message", "ticket.message"], entries.Select(e => e.Type ?? "").Order());
        Assert.Contains(("ticket.created", $"/service/tickets/{ticketId}"), entries);
        Assert.Contains(("survey.answered", $"/voice/responses/{responseId}"), entries);
    }
}

public sealed class CustomersApiOnSqlite(SqliteApp app) : CustomersApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class CustomersApiOnPostgres(PostgresApp app) : CustomersApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
