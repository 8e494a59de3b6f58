using System.Net;
using System.Text.Json;
using Touchpoint.Domain.Access;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

/// <summary>Themes with drivers over stored answers, sentiment on answers and on customers' ticket messages, on both stores.</summary>
public abstract class VoiceThemesApiTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private static readonly (int Score, string Comment)[] Answers =
    [
        (0, "The delivery was two weeks late"), (2, "Entrega atrasada, péssimo"), (9, "Delivery was late but the staff were lovely"),
        (10, "Great product, fast"), (10, "Produto excelente, recomendo"), (8, "Fine"), (9, "No problems"),
    ];

    private async Task<(HttpClient Client, long SurveyId)> SurveyWithAnswersAsync()
    {
        var client = await app.ClientWithRoleAsync(Roles.Analyst);
        var name = "Themes " + Guid.NewGuid().ToString("N")[..8];
        var created = await client.PostAsync("/api/v1/surveys", Json(new
        {
            name,
            definition = new { questions = new object[] { new { id = "nps", type = "nps", required = true, text = new { en = "Recommend us?" } }, new { id = "why", type = "freeText", text = new { en = "Why?" } } } },
        }), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/surveys/{id}/publish", null, Ct)).StatusCode);
        for (var i = 0; i < Answers.Length; i++)
        {
            var r = await client.PostAsync($"/api/v1/surveys/{id}/responses", Json(new { id = $"{name}-{i}", customerId = $"{name}-{i}", score = Answers[i].Score, comment = Answers[i].Comment }), Ct);
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync(Ct));
        }
        return (client, id);
    }

    [Fact]
    public async Task Themes_count_the_answers_quote_them_and_give_the_nps_difference_with_its_interval()
    {
        var (client, id) = await SurveyWithAnswersAsync();
        var report = await (await client.GetAsync($"/api/v1/voice/themes?metric=nps&surveyId={id}", Ct)).ReadJsonAsync();
        Assert.Equal(7, report.GetProperty("texts").GetInt32());
        Assert.Equal(2, report.GetProperty("languages").GetProperty("pt").GetInt32());
        var themes = report.GetProperty("themes").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);

        // Delay: scores 0, 2, 9 → NPS (1 − 2)/3 = −33.3; without: 10, 10, 8, 9 → NPS 3/4 = 75; difference −108.3.
        var delay = themes["delay"];
        Assert.Equal(3, delay.GetProperty("count").GetInt32());
        var driver = delay.GetProperty("driver");
        Assert.Equal(-108.333, driver.GetProperty("difference").GetDouble(), 3);
        Assert.True(driver.GetProperty("low").GetDouble() < -108.333 && driver.GetProperty("high").GetDouble() > -108.333);
        Assert.Equal(3, delay.GetProperty("negative").GetInt32() + delay.GetProperty("neutral").GetInt32() + delay.GetProperty("positive").GetInt32());
        var quotes = delay.GetProperty("quotes").EnumerateArray().ToList();
        Assert.InRange(quotes.Count, 1, 3);
        Assert.All(quotes, q => Assert.Contains(q.GetProperty("text").GetString(), Answers.Select(a => a.Comment)));
        Assert.Equal("negative", quotes[0].GetProperty("sentiment").GetProperty("label").GetString()); // the most negative first
        Assert.Equal(3, themes["delivery"].GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Each_answer_carries_the_sentiment_of_its_comment()
    {
        var (client, id) = await SurveyWithAnswersAsync();
        var page = await (await client.GetAsync($"/api/v1/surveys/{id}/responses?limit=50", Ct)).ReadJsonAsync();
        var items = page.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("comment").GetString()!, r => r.GetProperty("sentiment"));
        Assert.Equal("negative", items["Entrega atrasada, péssimo"].GetProperty("label").GetString());
        Assert.Equal("pt", items["Entrega atrasada, péssimo"].GetProperty("language").GetString());
        Assert.Equal("positive", items["Great product, fast"].GetProperty("label").GetString());
        Assert.InRange(items["Great product, fast"].GetProperty("score").GetDouble(), 0.05, 1);
    }

    [Fact]
    public async Task Customer_ticket_messages_carry_sentiment_and_agent_replies_do_not()
    {
        var client = await app.ClientWithRoleAsync(Roles.Agent);
        var customer = await (await client.PostAsync("/api/v1/customers", Json(new { name = "Sentiment " + Guid.NewGuid().ToString("N")[..6] }), Ct)).ReadJsonAsync();
        var ticket = await (await client.PostAsync("/api/v1/tickets", Json(new
        {
            customerId = customer.GetProperty("id").GetInt64(), subject = "Late", message = "Still waiting for my order, this is terrible.", channel = "email",
        }), Ct)).ReadJsonAsync();
        var id = ticket.GetProperty("ticket").GetProperty("id").GetInt64();
        await client.PostAsync($"/api/v1/tickets/{id}/messages", Json(new { body = "Sorry! A new lamp is on its way." }), Ct);
        var detail = await (await client.GetAsync($"/api/v1/tickets/{id}", Ct)).ReadJsonAsync();
        var messages = detail.GetProperty("messages").EnumerateArray().ToList();
        var first = messages.Single(m => m.GetProperty("author").GetString() == "customer");
        Assert.Equal("negative", first.GetProperty("sentiment").GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, messages.Single(m => m.GetProperty("author").GetString() == "agent").GetProperty("sentiment").ValueKind);
    }

    [Fact]
    public async Task Bad_parameters_are_refused_naming_the_field()
    {
        var client = await app.ClientWithRoleAsync(Roles.Viewer);
        Assert.NotEmpty((await (await client.GetAsync("/api/v1/voice/themes?metric=mood", Ct)).ProblemAsync(400)).ErrorsFor("metric"));
        Assert.NotEmpty((await (await client.GetAsync("/api/v1/voice/themes?from=2026-02-01&to=2026-01-01", Ct)).ProblemAsync(400)).ErrorsFor("to"));
        Assert.NotEmpty((await (await client.GetAsync("/api/v1/voice/themes?quotes=9", Ct)).ProblemAsync(400)).ErrorsFor("quotes"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/voice/themes?metric=csat", Ct)).StatusCode);
    }
}

public sealed class VoiceThemesOnSqlite(SqliteApp app) : VoiceThemesApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class VoiceThemesOnPostgres(PostgresApp app) : VoiceThemesApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
