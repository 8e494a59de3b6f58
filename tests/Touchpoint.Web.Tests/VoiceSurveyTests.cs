using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Voice;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

/// <summary>Builder, versions, invitations, the public answer path and its bad input, fatigue rules and the closed loop.</summary>
public abstract class VoiceSurveyTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private static object NpsDefinition(string followUpText = "What should we have done better?") => new
    {
        languages = new[] { "en", "pt" },
        questions = new object[]
        {
            new { id = "nps", type = "nps", required = true, text = new Dictionary<string, string> { ["en"] = "How likely are you to recommend us?", ["pt"] = "Recomendaria?" },
                branches = new object[] { new { max = 6, goTo = "why_low" }, new { min = 7, goTo = "why_high" } } },
            new { id = "why_low", type = "freeText", text = new Dictionary<string, string> { ["en"] = followUpText }, next = "end" },
            new { id = "why_high", type = "freeText", text = new Dictionary<string, string> { ["en"] = "What did you like?" } },
        },
    };

    private async Task<(HttpClient Client, long SurveyId)> LiveSurveyAsync(object? definition = null)
    {
        var client = await app.ClientWithRoleAsync(Roles.Analyst);
        var created = await client.PostAsync("/api/v1/surveys", Json(new { name = "NPS " + Guid.NewGuid().ToString("N")[..6], definition = definition ?? NpsDefinition(), allowAnonymous = true }), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/surveys/{id}/publish", null, Ct)).StatusCode);
        return (client, id);
    }

    private async Task<long> CustomerAsync(HttpClient client, string? tz = null)
    {
        var w = Guid.NewGuid().ToString("N")[..10];
        var r = await client.PostAsync("/api/v1/customers", Json(new { name = "C " + w, email = $"{w}@example.com", segment = "smb", attributes = new Dictionary<string, string> { ["time_zone"] = tz ?? "UTC" } }), Ct);
        return (await r.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    private async Task<string> InviteAsync(HttpClient client, long surveyId, long customer)
    {
        var r = await client.PostAsync($"/api/v1/surveys/{surveyId}/invitations", Json(new { customerId = customer, channel = "email", touchpoint = "delivery" }), Ct);
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync(Ct));
        var link = (await r.ReadJsonAsync()).GetProperty("link").GetString()!;
        return link[(link.LastIndexOf('/') + 1)..];
    }

    private static StringContent Answers(object answers, string? website = null) => Json(new { answers, website });

    [Fact]
    public async Task Broken_logic_is_refused_naming_the_field_and_the_question()
    {
        var client = await app.ClientWithRoleAsync(Roles.Analyst);
        var missing = await client.PostAsync("/api/v1/surveys", Json(new
        {
            name = "Broken",
            definition = new { questions = new object[] { new { id = "a", type = "csat", text = new { en = "?" }, branches = new object[] { new { max = 2, goTo = "ghost" } } }, new { id = "b", type = "freeText", text = new { en = "?" } } } },
        }), Ct);
        var problem = await missing.ProblemAsync(400);
        Assert.Contains("'ghost'", problem.ErrorsFor("definition.questions[0].branches[0].goTo")[0]);

        var loop = await client.PostAsync("/api/v1/surveys", Json(new
        {
            name = "Loop",
            definition = new { questions = new object[] { new { id = "a", type = "rating", text = new { en = "?" } }, new { id = "b", type = "freeText", text = new { en = "?" }, next = "a" } } },
        }), Ct);
        Assert.Contains("loops", (await loop.ProblemAsync(400)).ErrorsFor("definition.questions")[0]);

        var unknownField = await client.PostAsync("/api/v1/surveys", Json("""{"name":"x","definition":{"questions":[{"id":"a","type":"nps","text":{"en":"?"},"requierd":true}]}}"""), Ct);
        await unknownField.ProblemAsync(400);
    }

    [Fact]
    public async Task Editing_a_live_survey_adds_a_version_and_earlier_answers_keep_theirs()
    {
        var (client, id) = await LiveSurveyAsync();
        var customer = await CustomerAsync(client);
        var token = await InviteAsync(client, id, customer);
        var anon = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anon.PostAsync($"/api/v1/public/responses/{token}", Answers(new { nps = new { number = 9 }, why_high = new { text = "fast" } }), Ct)).StatusCode);

        var edit = await client.PutAsync($"/api/v1/surveys/{id}", Json(new { name = "NPS v2", definition = NpsDefinition("Tell us what went wrong") }), Ct);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(2, (await edit.ReadJsonAsync()).GetProperty("version").GetInt32());

        var stored = await app.QueryAsync(db => db.SurveyResponses.SingleAsync(r => r.Token == token, Ct));
        Assert.Equal(1, stored.SurveyVersion);
        var v1 = await (await client.GetAsync($"/api/v1/surveys/{id}/definition?version=1", Ct)).ReadJsonAsync();
        Assert.Equal("What should we have done better?", v1.GetProperty("questions")[1].GetProperty("text").GetProperty("en").GetString());
        var v2 = await (await client.GetAsync($"/api/v1/surveys/{id}/definition", Ct)).ReadJsonAsync();
        Assert.Equal("Tell us what went wrong", v2.GetProperty("questions")[1].GetProperty("text").GetProperty("en").GetString());
        // A live survey keeps its scale.
        var csat = await client.PutAsync($"/api/v1/surveys/{id}", Json(new { name = "x", definition = new { questions = new object[] { new { id = "c", type = "csat", text = new { en = "?" } } } } }), Ct);
        await csat.ProblemAsync(400);
    }

    [Fact]
    public async Task A_token_updates_its_partial_answer_then_is_refused_once_complete_and_bad_answers_store_nothing()
    {
        var (client, id) = await LiveSurveyAsync();
        var customer = await CustomerAsync(client);
        var token = await InviteAsync(client, id, customer);
        var anon = app.CreateClient();
        var url = $"/api/v1/public/responses/{token}";

        (await (await anon.PostAsync(url, Answers(new { nps = new { number = 11 } }), Ct)).ProblemAsync(400)).ErrorsFor("answers.nps");
        (await (await anon.PostAsync(url, Answers(new { why_low = new { text = "x" } }), Ct)).ProblemAsync(400)).ErrorsFor("answers.why_low");
        (await (await anon.PostAsync(url, Answers(new { ghost = new { number = 1 } }), Ct)).ProblemAsync(400)).ErrorsFor("answers.ghost");
        Assert.Equal(0, await app.QueryAsync(db => db.SurveyResponses.CountAsync(r => r.Token == token, Ct)));

        var partial = await (await anon.PostAsync(url, Answers(new { nps = new { number = 8 } }), Ct)).ReadJsonAsync();
        Assert.False(partial.GetProperty("completed").GetBoolean());
        Assert.Equal("why_high", partial.GetProperty("nextQuestion").GetString());
        // Changing the score while partial updates the same answer and moves the follow-up.
        var changed = await (await anon.PostAsync(url, Answers(new { nps = new { number = 3 } }), Ct)).ReadJsonAsync();
        Assert.Equal(partial.GetProperty("responseId").GetInt64(), changed.GetProperty("responseId").GetInt64());
        Assert.Equal("why_low", changed.GetProperty("nextQuestion").GetString());
        var tooLong = await anon.PostAsync(url, Answers(new { why_low = new { text = new string('x', 5001) } }), Ct);
        Assert.Contains("longer", (await tooLong.ProblemAsync(400)).ErrorsFor("answers.why_low")[0]);
        var done = await (await anon.PostAsync(url, Answers(new { why_low = new { text = "Late parcel" } }), Ct)).ReadJsonAsync();
        Assert.True(done.GetProperty("completed").GetBoolean());

        var replay = await anon.PostAsync(url, Answers(new { nps = new { number = 10 } }), Ct);
        await replay.ProblemAsync(409);
        var stored = await app.QueryAsync(db => db.SurveyResponses.SingleAsync(r => r.Token == token, Ct));
        Assert.Equal((3, "Late parcel"), (stored.Score, stored.Comment));

        // A detractor opens an owned follow-up ticket and the answer is on the timeline.
        var followUp = await app.QueryAsync(db => db.FollowUps.SingleAsync(f => f.ResponseId == stored.Id, Ct));
        Assert.Equal(customer, followUp.CustomerId);
        var ticket = await app.QueryAsync(db => db.Tickets.SingleAsync(t => t.Id == followUp.TicketId, Ct));
        Assert.Contains("detractor", ticket.Subject);
        Assert.True(await app.QueryAsync(db => db.Events.AnyAsync(e => e.CustomerId == customer && e.Type == "survey.answered" && e.RefId == stored.Id, Ct)));
        Assert.True(await app.QueryAsync(db => db.Events.AnyAsync(e => e.CustomerId == customer && e.Type == "survey.invited", Ct)));
        Assert.True(await app.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.CustomerId == customer && m.Body.Contains(token), Ct)));
    }

    [Fact]
    public async Task A_closed_survey_a_honeypot_and_an_unknown_token_are_refused()
    {
        var (client, id) = await LiveSurveyAsync();
        var anon = app.CreateClient();
        await (await anon.PostAsync($"/api/v1/public/surveys/{id}/responses", Answers(new { nps = new { number = 9 } }, website: "http://spam"), Ct)).ProblemAsync(400);
        await (await anon.PostAsync("/api/v1/public/responses/nosuchtoken", Answers(new { nps = new { number = 9 } }), Ct)).ProblemAsync(404);
        var ok = await anon.PostAsync($"/api/v1/public/surveys/{id}/responses", Answers(new { nps = new { number = 9 } }), Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/surveys/{id}/close", null, Ct)).StatusCode);
        var closed = await anon.PostAsync($"/api/v1/public/surveys/{id}/responses", Answers(new { nps = new { number = 9 } }), Ct);
        Assert.Contains("closed", (await closed.ProblemAsync(409)).Detail());
        var page = await anon.GetAsync($"/s/survey/{id}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("closed", await page.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_answer_page_is_plain_html_with_labels_keeps_partial_answers_and_shows_errors()
    {
        var (client, id) = await LiveSurveyAsync();
        var customer = await CustomerAsync(client);
        var token = await InviteAsync(client, id, customer);
        var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var html = await browser.GetStringAsync($"/s/{token}", Ct);
        Assert.Contains("<legend", html);
        Assert.DoesNotContain("blazor.web.js", html);
        Assert.DoesNotContain("MudBlazor", html);
        var af = TouchpointApp.AntiforgeryToken(html);

        var bad = await browser.PostAsync($"/s/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = af, ["question"] = "nps", ["value"] = "42" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("42 is out of range", await bad.Content.ReadAsStringAsync(Ct));

        var good = await browser.PostAsync($"/s/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = af, ["question"] = "nps", ["value"] = "10" }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var next = await browser.GetStringAsync($"/s/{token}", Ct); // a new visit continues where the partial answer stopped
        Assert.Contains("What did you like?", next);

        var unsub = await browser.PostAsync($"/s/{token}/unsubscribe", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = af }), Ct);
        Assert.Contains("no more surveys", await unsub.Content.ReadAsStringAsync(Ct));
        // Unsubscribed: no further invitation, whatever the survey.
        var (_, other) = await LiveSurveyAsync();
        var refused = await client.PostAsync($"/api/v1/surveys/{other}/invitations", Json(new { customerId = customer }), Ct);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var held = await refused.ReadJsonAsync();
        Assert.Equal(("suppressed", "unsubscribed"), (held.GetProperty("status").GetString(), held.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, held.GetProperty("link").ValueKind);
    }

    [Fact]
    public async Task Scores_have_intervals_and_a_detractor_follow_up_is_tracked_to_recovery()
    {
        var (client, id) = await LiveSurveyAsync();
        var anon = app.CreateClient();
        foreach (var s in new[] { 10, 9, 8, 3 })
            Assert.Equal(HttpStatusCode.OK, (await anon.PostAsync($"/api/v1/public/surveys/{id}/responses", Answers(new { nps = new { number = s } }), Ct)).StatusCode);
        var report = await (await client.GetAsync($"/api/v1/voice/scores?metric=nps&by=channel&surveyId={id}", Ct)).ReadJsonAsync();
        var overall = report.GetProperty("overall").GetProperty("score");
        Assert.Equal(25.0, overall.GetProperty("value").GetDouble(), 9); // (2 - 1) / 4
        // SE = 100 sqrt((p + d - (p - d)^2) / n) = 100 sqrt((0.75 - 0.0625) / 4)
        Assert.Equal(25 - 1.959963984540054 * 100 * Math.Sqrt(0.6875 / 4), overall.GetProperty("low").GetDouble(), 6);
        await (await client.GetAsync("/api/v1/voice/scores?metric=xyz", Ct)).ProblemAsync(400);

        var customer = await CustomerAsync(client);
        var token = await InviteAsync(client, id, customer);
        await anon.PostAsync($"/api/v1/public/responses/{token}", Answers(new { nps = new { number = 2 }, why_low = new { text = "rude" } }), Ct);
        var followUp = (await (await client.GetAsync("/api/v1/voice/follow-ups", Ct)).ReadJsonAsync()).EnumerateArray().First(f => f.GetProperty("customerId").GetInt64() == customer);
        var ticketId = followUp.GetProperty("ticketId").GetInt64();
        var note = await app.QueryAsync(db => db.TicketMessages.Where(m => m.TicketId == ticketId).Select(m => m.Body).SingleAsync(Ct));
        Assert.Contains("Owner team: Support", note); // default owner (no team of that name in this store: unassigned)
        Assert.Contains($"/customers/{customer}", note);
        Assert.Contains("rude", note);
        var outcome = await client.PostAsync($"/api/v1/voice/follow-ups/{followUp.GetProperty("id").GetInt64()}/outcome", Json(new { outcome = "called_back", note = "apologised" }), Ct);
        Assert.Equal("called_back", (await outcome.ReadJsonAsync()).GetProperty("outcome").GetString());
        await (await client.PostAsync($"/api/v1/voice/follow-ups/{followUp.GetProperty("id").GetInt64()}/outcome", Json(new { outcome = "forgotten" }), Ct)).ProblemAsync(400);

        // Re-surveyed after the follow-up: now a promoter, so recovered. (A second invitation needs the contact limit lifted.)
        await app.QueryAsync(async db => { await db.SurveyInvitations.Where(i => i.CustomerId == customer).ExecuteUpdateAsync(u => u.SetProperty(i => i.DueAtUtc, DateTime.UtcNow.AddDays(-30)), Ct); return 0; });
        var again = await InviteAsync(client, id, customer);
        await anon.PostAsync($"/api/v1/public/responses/{again}", Answers(new { nps = new { number = 9 }, why_high = new { text = "better" } }), Ct);
        var recovery = await (await client.GetAsync("/api/v1/voice/follow-ups/recovery", Ct)).ReadJsonAsync();
        Assert.True(recovery.GetProperty("recovered").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_customer_is_invited_at_most_once_in_the_contact_limit_across_surveys()
    {
        var (client, first) = await LiveSurveyAsync();
        var (_, second) = await LiveSurveyAsync();
        var customer = await CustomerAsync(client);
        await InviteAsync(client, first, customer);
        var again = await client.PostAsync($"/api/v1/surveys/{second}/invitations", Json(new { customerId = customer }), Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var held = await again.ReadJsonAsync();
        Assert.Equal("suppressed", held.GetProperty("status").GetString());
        Assert.Contains("contact limit", held.GetProperty("reason").GetString());
        Assert.False(await app.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.CustomerId == customer && m.RefId == held.GetProperty("id").GetInt64(), Ct)));
    }
}

public sealed class VoiceSurveysOnSqlite(SqliteApp app) : VoiceSurveyTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class VoiceSurveysOnPostgres(PostgresApp app) : VoiceSurveyTests<PostgresApp>(app), IClassFixture<PostgresApp>;
