using System.Net;
using System.Text.Json;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;
using static Touchpoint.Web.Tests.Voice.VoiceTestData;

namespace Touchpoint.Web.Tests.Voice;

/// <summary>Interview and observation notes: tags, full-text search in the store's own engine, edits, deletes and bad input.</summary>
public abstract class QualitativeNotesTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var r = await client.PostAsync("/api/v1/voice/notes", Json(body), Ct);
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync(Ct));
        return await r.ReadJsonAsync();
    }

    private static async Task<List<long>> IdsAsync(HttpClient client, string query) =>
        (await (await client.GetAsync("/api/v1/voice/notes?" + query, Ct)).ReadJsonAsync()).EnumerateArray().Select(n => n.GetProperty("id").GetInt64()).ToList();

    [Fact]
    public async Task Notes_are_found_by_words_and_by_their_stage_touchpoint_and_customer_tags()
    {
        var client = await AdminAsync(app);
        var (customer, _, _) = await CustomerAsync(client, "Nadia Noted");
        var word = "parcel" + Guid.NewGuid().ToString("N")[..6]; // unique to this test, so other notes never match
        var interview = await CreateAsync(client, new
        {
            kind = "interview", title = "Call with a detractor", notedOn = "2026-03-01",
            text = $"She waited nine days; the {word} was left at a neighbour's door without a note.",
            stages = new[] { "Delivery" }, touchpoints = new[] { "order.delivered" }, customerIds = new[] { customer },
        });
        var observation = await CreateAsync(client, new
        {
            kind = "observation", title = $"Checkout usability ({word})", notedOn = "2026-02-20", author = "UX team",
            text = "Three of five testers missed the voucher field.", stages = new[] { "purchase" },
        });
        long i = interview.GetProperty("id").GetInt64(), o = observation.GetProperty("id").GetInt64();
        Assert.Equal("delivery", interview.GetProperty("stages")[0].GetString()); // tags are stored lower case
        Assert.False(string.IsNullOrEmpty(interview.GetProperty("author").GetString())); // the writer, when no author is given

        Assert.Equal([i, o], await IdsAsync(client, $"q={word}")); // newest day first
        Assert.Equal([i], await IdsAsync(client, $"q={word[..8]}+neighb")); // every word, as a prefix
        Assert.Empty(await IdsAsync(client, $"q={word}+voucherless"));
        Assert.Equal([o], await IdsAsync(client, $"q={word}&stage=purchase"));
        Assert.Contains(i, await IdsAsync(client, "touchpoint=order.delivered"));
        Assert.Equal([i], await IdsAsync(client, $"customerId={customer}"));
        Assert.Equal([o], await IdsAsync(client, $"q={word}&kind=observation"));

        // An edit re-indexes the text and rewrites the tags.
        var edited = await client.PutAsync($"/api/v1/voice/notes/{i}", Json(new
        {
            kind = "interview", title = "Call with a detractor", notedOn = "2026-03-01", text = "Refund was slow.", stages = new[] { "support" },
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal([o], await IdsAsync(client, $"q={word}"));
        Assert.Empty(await IdsAsync(client, $"customerId={customer}"));
        Assert.Contains(i, await IdsAsync(client, "stage=support"));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/voice/notes/{o}", Ct)).StatusCode);
        Assert.Empty(await IdsAsync(client, $"q={word}"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/voice/notes/{o}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Bad_notes_are_refused_naming_the_field_and_a_failed_edit_keeps_the_note()
    {
        var client = await AdminAsync(app);
        async Task Refused(object body, string field, string method = "POST", string url = "/api/v1/voice/notes")
        {
            var r = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json(body) }, Ct);
            var problem = await r.ProblemAsync(400);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        await Refused(new { kind = "rumour", title = "T", text = "x", notedOn = "2026-03-01" }, "kind");
        await Refused(new { kind = "interview", title = "", text = "x", notedOn = "2026-03-01" }, "title");
        await Refused(new { kind = "interview", title = "T", text = "x" }, "notedOn");
        await Refused(new { kind = "interview", title = "T", text = "x", notedOn = "2999-01-01" }, "notedOn");
        await Refused(new { kind = "interview", title = "T", text = new string('x', 20001), notedOn = "2026-03-01" }, "text");
        await Refused(new { kind = "interview", title = "T", text = "x", notedOn = "2026-03-01", customerIds = new[] { 987654321L } }, "customerIds");
        await Refused(new { kind = "interview", title = "T", text = "x", notedOn = "2026-03-01", stages = new[] { new string('s', 101) } }, "stages[0]");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/voice/notes?kind=rumour", Ct)).StatusCode);

        var note = await CreateAsync(client, new { kind = "observation", title = "Kept", text = "Original text", notedOn = "2026-03-01" });
        var id = note.GetProperty("id").GetInt64();
        await Refused(new { kind = "observation", title = "", text = "Changed", notedOn = "2026-03-01" }, "title", "PUT", $"/api/v1/voice/notes/{id}");
        var kept = await (await client.GetAsync($"/api/v1/voice/notes/{id}", Ct)).ReadJsonAsync();
        Assert.Equal(("Kept", "Original text"), (kept.GetProperty("title").GetString(), kept.GetProperty("text").GetString()));
        var viewer = await app.ClientWithRoleAsync(Touchpoint.Domain.Access.Roles.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/v1/voice/notes", Json(new { kind = "observation", title = "T", text = "x", notedOn = "2026-03-01" }), Ct)).StatusCode);
    }
}

public sealed class QualitativeNotesOnSqlite(SqliteApp app) : QualitativeNotesTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class QualitativeNotesOnPostgres(PostgresApp app) : QualitativeNotesTests<PostgresApp>(app), IClassFixture<PostgresApp>;
