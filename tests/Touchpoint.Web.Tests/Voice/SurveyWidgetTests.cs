using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;
using static Touchpoint.Web.Tests.Voice.VoiceTestData;

namespace Touchpoint.Web.Tests.Voice;

/// <summary>The app with a widget secret, so identified visitors can be tested.</summary>
public class WidgetApp(StoreProvider provider) : TouchpointApp(provider)
{
    public const string Secret = "widget-secret-for-tests";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Voice:WidgetSecret", Secret);
        builder.UseSetting("Voice:RunTriggers", "false");
    }
}

public sealed class SqliteWidgetApp() : WidgetApp(StoreProvider.Sqlite);

public sealed class PostgresWidgetApp() : WidgetApp(StoreProvider.Postgres);

/// <summary>The widget's public routes: state, answers across the flow, one answer per visitor, identified visitors and bad input.</summary>
public abstract class SurveyWidgetTests<TApp>(TApp app) where TApp : WidgetApp
{
    private static string Visitor() => Guid.NewGuid().ToString("N");

    private async Task<long> PublicSurveyAsync(bool allowAnonymous = true)
    {
        var admin = await AdminAsync(app);
        var created = await admin.PostAsync("/api/v1/surveys", Json(new
        {
            name = Unique("Widget"), allowAnonymous,
            definition = new
            {
                languages = new[] { "en", "pt" },
                questions = new object[]
                {
                    new { id = "nps", type = "nps", required = true, text = new { en = "How likely are you to recommend us?", pt = "Recomendaria?" },
                        branches = new[] { new { max = 6, @goTo = "why" } }, next = "end" },
                    new { id = "why", type = "freeText", text = new { en = "What went wrong?", pt = "O que correu mal?" } },
                },
            },
        }), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/surveys/{id}/publish", null, Ct)).StatusCode);
        return id;
    }

    /// <summary>Posts as the widget does: JSON as text/plain, from a page on another origin.</summary>
    private async Task<HttpResponseMessage> PostAsync(long survey, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/public/widget/{survey}/responses")
        {
            Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", "http://shop.example");
        return await app.CreateClient().SendAsync(request, Ct);
    }

    private Task<T> QueryAsync<T>(Func<TouchpointDb, Task<T>> query) =>
        Task.Run(async () => { await using var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create(); return await query(db); });

    [Fact]
    public async Task A_visitor_answers_through_the_widget_flow_once_and_a_second_answer_is_refused()
    {
        var survey = await PublicSurveyAsync();
        var visitor = Visitor();
        var client = app.CreateClient();
        var first = await client.GetAsync($"/api/v1/public/widget/{survey}?visitor={visitor}&lang=pt", Ct);
        Assert.Equal("*", first.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var state = await first.ReadJsonAsync();
        Assert.Equal(("nps", "Recomendaria?", 0, 10), (state.GetProperty("question").GetProperty("id").GetString(), state.GetProperty("question").GetProperty("text").GetString(),
            state.GetProperty("question").GetProperty("min").GetInt32(), state.GetProperty("question").GetProperty("max").GetInt32()));

        var score = await (await PostAsync(survey, new { visitor, language = "pt", answers = new { nps = new { number = 4 } } })).ReadJsonAsync();
        Assert.False(score.GetProperty("completed").GetBoolean());
        Assert.Equal("O que correu mal?", score.GetProperty("next").GetProperty("text").GetString());
        // Coming back later resumes at the follow-up.
        Assert.Equal("why", (await (await client.GetAsync($"/api/v1/public/widget/{survey}?visitor={visitor}", Ct)).ReadJsonAsync()).GetProperty("question").GetProperty("id").GetString());
        var done = await (await PostAsync(survey, new { visitor, answers = new { why = new { text = "Late delivery" } } })).ReadJsonAsync();
        Assert.True(done.GetProperty("completed").GetBoolean());
        Assert.True((await (await client.GetAsync($"/api/v1/public/widget/{survey}?visitor={visitor}", Ct)).ReadJsonAsync()).GetProperty("answered").GetBoolean());

        var again = await PostAsync(survey, new { visitor, answers = new { nps = new { number = 10 } } });
        await again.ProblemAsync(409);
        var response = await QueryAsync(db => db.SurveyResponses.SingleAsync(r => r.SurveyId == survey, Ct));
        Assert.Equal((4, "Late delivery", "widget", (long?)null), (response.Score!.Value, response.Comment, response.Channel, response.CustomerId));
        Assert.NotNull(response.CompletedAtUtc);
        var rates = await (await (await AdminAsync(app)).GetAsync($"/api/v1/voice/response-rates?surveyId={survey}", Ct)).ReadJsonAsync();
        var widget = rates.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "widget");
        Assert.Equal((1, 1), (widget.GetProperty("sent").GetInt32(), widget.GetProperty("answered").GetInt32()));
    }

    [Fact]
    public async Task An_identified_visitor_needs_the_host_sites_signature_and_the_answer_lands_on_the_customer()
    {
        var survey = await PublicSurveyAsync();
        var (customer, external, _) = await CustomerAsync(await AdminAsync(app), "Wendy Widget");
        var forged = await PostAsync(survey, new { visitor = Visitor(), customer = external, signature = new string('0', 64), answers = new { nps = new { number = 9 } } });
        Assert.True((await forged.ProblemAsync(400)).GetProperty("errors").TryGetProperty("signature", out _));

        var ok = await PostAsync(survey, new { visitor = Visitor(), customer = external, signature = WidgetIdentity.Sign(WidgetApp.Secret, external), answers = new { nps = new { number = 9 } } });
        Assert.True((await ok.ReadJsonAsync()).GetProperty("completed").GetBoolean());
        var response = await QueryAsync(db => db.SurveyResponses.SingleAsync(r => r.SurveyId == survey, Ct));
        Assert.Equal(customer, response.CustomerId);
        Assert.True(await QueryAsync(db => db.Events.AnyAsync(e => e.CustomerId == customer && e.Type == "survey.answered", Ct)), "the answer is on the customer's timeline");
    }

    [Fact]
    public async Task Bad_widget_input_is_refused_naming_the_field_and_stores_nothing()
    {
        var survey = await PublicSurveyAsync();
        var closedToPublic = await PublicSurveyAsync(allowAnonymous: false);
        async Task Refused(HttpResponseMessage r, int status, string? field)
        {
            var problem = await r.ProblemAsync(status);
            if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        await Refused(await PostAsync(survey, new { visitor = "short", answers = new { nps = new { number = 9 } } }), 400, "visitor");
        await Refused(await PostAsync(survey, new { visitor = Visitor(), answers = new { nps = new { number = 11 } } }), 400, "answers.nps");
        await Refused(await PostAsync(survey, new { visitor = Visitor(), answers = new { why = new { text = "skip ahead" } } }), 400, "answers.why");
        await Refused(await PostAsync(survey, new { visitor = Visitor(), website = "http://spam.example", answers = new { nps = new { number = 9 } } }), 400, null);
        await Refused(await PostAsync(survey, new { visitor = Visitor(), customer = "nobody", signature = WidgetIdentity.Sign(WidgetApp.Secret, "nobody"), answers = new { nps = new { number = 9 } } }), 400, "customer");
        var visitor = Visitor();
        await PostAsync(survey, new { visitor, answers = new { nps = new { number = 2 } } });
        await Refused(await PostAsync(survey, new { visitor, answers = new { why = new { text = new string('x', 5001) } } }), 400, "answers.why");
        using (var raw = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/public/widget/{survey}/responses") { Content = new StringContent("{not json", Encoding.UTF8, "text/plain") })
            await Refused(await app.CreateClient().SendAsync(raw, Ct), 400, "body");
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(closedToPublic, new { visitor = Visitor(), answers = new { nps = new { number = 9 } } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/public/widget/{closedToPublic}?visitor={Visitor()}", Ct)).StatusCode);

        // Only the one valid partial answer (score 2) was stored; its text stayed empty.
        var stored = await QueryAsync(db => db.SurveyResponses.Where(r => r.SurveyId == survey).ToListAsync(Ct));
        var only = Assert.Single(stored);
        Assert.Equal((2, (string?)null), (only.Score!.Value, only.Comment));
        Assert.Equal(1, await QueryAsync(db => db.SurveyInvitations.CountAsync(i => i.SurveyId == survey, Ct)));
    }
}

public sealed class SurveyWidgetOnSqlite(SqliteWidgetApp app) : SurveyWidgetTests<SqliteWidgetApp>(app), IClassFixture<SqliteWidgetApp>;

public sealed class SurveyWidgetOnPostgres(PostgresWidgetApp app) : SurveyWidgetTests<PostgresWidgetApp>(app), IClassFixture<PostgresWidgetApp>;
