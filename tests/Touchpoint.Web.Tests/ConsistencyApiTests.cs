using Touchpoint.Domain.Access;
using Touchpoint.Domain.Voice;
using Touchpoint.Testing;
using Touchpoint.Web.Tests.Support;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

/// <summary>/api/v1/journeys/consistency on stored answers: the hand-computed CES example of the Domain tests, and bad input.</summary>
public abstract class ConsistencyApiTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private static readonly (string Channel, int[] Scores)[] Ces = [("email", [2, 3, 4]), ("chat", [6, 6, 7, 7]), ("phone", [5, 6, 7]), ("sms", [4])];

    private static readonly SemaphoreSlim Seeded = new(1, 1);

    private async Task SeedAsync()
    {
        await Seeded.WaitAsync(Ct);
        try
        {
            await app.QueryAsync(async db =>
            {
                if (db.Surveys.Any(s => s.Name == "Effort after contact")) return 0;
                var survey = new Survey { Name = "Effort after contact", Kind = SurveyKind.Ces, Status = SurveyStatus.Live, Question = "How easy was it?", CreatedAtUtc = DateTime.UtcNow };
                db.Surveys.Add(survey);
                await db.SaveChangesAsync(Ct);
                foreach (var (channel, scores) in Ces)
                    foreach (var s in scores)
                        db.SurveyResponses.Add(new SurveyResponse { SurveyId = survey.Id, Score = s, Channel = channel, Touchpoint = "support", AnsweredAtUtc = DateTime.UtcNow, CompletedAtUtc = DateTime.UtcNow });
                // A score outside 1-7 is ignored, as ScoreMetrics does.
                db.SurveyResponses.Add(new SurveyResponse { SurveyId = survey.Id, Score = 9, Channel = "email", AnsweredAtUtc = DateTime.UtcNow });
                return await db.SaveChangesAsync(Ct);
            });
        }
        finally { Seeded.Release(); }
    }

    [Fact]
    public async Task Effort_by_channel_gives_the_hand_computed_means_spread_and_flags_email()
    {
        await SeedAsync();
        var viewer = await app.ClientWithRoleAsync(Roles.Viewer);
        var r = await (await viewer.GetAsync("/api/v1/journeys/consistency?metric=ces&by=channel&minN=3", Ct)).ReadJsonAsync();
        Assert.Equal(11, r.GetProperty("n").GetInt32());
        Assert.Equal(3.5, r.GetProperty("range").GetDouble(), 9);
        Assert.Equal(1.892969, r.GetProperty("spreadSd").GetDouble(), 5);
        var groups = r.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        Assert.Equal(["chat", "email", "phone", "sms"], groups.Keys);
        Assert.Equal(3 - 2.484138, groups["email"].GetProperty("low").GetDouble(), 5);
        Assert.True(groups["email"].GetProperty("worseThanRest").GetBoolean());
        Assert.False(groups["chat"].GetProperty("worseThanRest").GetBoolean());
        Assert.False(groups["sms"].GetProperty("compared").GetBoolean());

        var byTouchpoint = await (await viewer.GetAsync("/api/v1/journeys/consistency?metric=ces&by=touchpoint&minN=3", Ct)).ReadJsonAsync();
        Assert.Equal("support", Assert.Single(byTouchpoint.GetProperty("groups").EnumerateArray()).GetProperty("group").GetString());
        Assert.True(byTouchpoint.GetProperty("range").ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Unknown_metrics_groupings_and_time_by_touchpoint_are_400_problems_naming_the_field()
    {
        var viewer = await app.ClientWithRoleAsync(Roles.Viewer);
        var p = await (await viewer.GetAsync("/api/v1/journeys/consistency?metric=happiness&by=colour&minN=1", Ct)).ProblemAsync(400);
        Assert.Contains("csat, ces, nps, resolution_hours", p.ErrorsFor("metric")[0]);
        Assert.Single(p.ErrorsFor("by"));
        Assert.Single(p.ErrorsFor("minN"));
        var time = await (await viewer.GetAsync("/api/v1/journeys/consistency?metric=resolution_hours&by=touchpoint", Ct)).ProblemAsync(400);
        Assert.Contains("use by=channel", time.ErrorsFor("by")[0]);
        var stages = await (await viewer.GetAsync("/api/v1/journeys/consistency?metric=stage_days", Ct)).ProblemAsync(400);
        Assert.Single(stages.ErrorsFor("fromStage"));
        Assert.Single(stages.ErrorsFor("toStage"));
        var journey = await (await viewer.GetAsync("/api/v1/journeys/consistency?metric=stage_days&fromStage=a&toStage=b&journeyId=987654", Ct)).ProblemAsync(400);
        Assert.Contains("no journey has id 987654", journey.ErrorsFor("journeyId")[0]);
    }
}

public sealed class ConsistencyApiOnSqlite(SqliteApp app) : ConsistencyApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ConsistencyApiOnPostgres(PostgresApp app) : ConsistencyApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
