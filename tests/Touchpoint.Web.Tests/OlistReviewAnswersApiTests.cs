using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Voice.Text;
using Touchpoint.Testing;
using static Touchpoint.Web.Tests.Support.Http;

namespace Touchpoint.Web.Tests;

/// <summary>
/// The real Olist reviews imported as CSAT answers, read back through the voice API on both stores: the scores by
/// touchpoint (late versus on-time delivery) against counts made here from the raw CSV rows, and the themes and
/// sentiment over the Portuguese comments. Its own app: the import is large and would shift other tests' CSAT.
/// </summary>
public abstract class OlistReviewAnswersApiTests<TApp>(TApp app) where TApp : TouchpointApp
{
    private static readonly string Dir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/olist-sample"));

    private async Task<(HttpClient Client, long SurveyId)> ImportedAsync()
    {
        Assert.True(Directory.Exists(Dir), $"the shared data set is missing at {Dir}");
        using var scope = app.Services.CreateScope();
        await using var db = scope.ServiceProvider.GetRequiredService<TouchpointDbFactory>().Create();
        var report = await OlistReviewImport.RunAsync(db, Dir, DateTime.UtcNow, Ct);
        Assert.Empty(report.Rejected);
        return (await app.ClientWithRoleAsync(Roles.Analyst), report.SurveyId);
    }

    [Fact]
    public async Task Csat_by_touchpoint_shows_late_deliveries_as_the_raw_files_do()
    {
        var (client, id) = await ImportedAsync();
        var report = await (await client.GetAsync($"/api/v1/voice/scores?metric=csat&by=touchpoint&surveyId={id}", Ct)).ReadJsonAsync();
        var groups = report.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!);

        var delivered = Read("olist_orders.csv").Where(r => r["order_delivered_customer_date"].Length > 0)
            .ToDictionary(r => r["order_id"], r => string.CompareOrdinal(r["order_delivered_customer_date"][..10], r["order_estimated_delivery_date"][..10]) > 0);
        var reviews = Read("olist_order_reviews.csv");
        foreach (var (key, late) in new[] { ("delivery (late)", true), ("delivery (on time)", false) })
        {
            var scores = reviews.Where(r => delivered.TryGetValue(r["order_id"], out var l) && l == late).Select(r => int.Parse(r["review_score"], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(scores.Count, groups[key].GetProperty("answers").GetInt32());
            Assert.Equal(100.0 * scores.Count(s => s >= 4) / scores.Count, groups[key].GetProperty("score").GetProperty("value").GetDouble(), 9);
            Assert.Equal(scores.Average(), groups[key].GetProperty("mean").GetDouble(), 9);
        }
        Assert.Equal(reviews.Count, report.GetProperty("overall").GetProperty("answers").GetInt32());
    }

    [Fact]
    public async Task Themes_over_the_portuguese_comments_find_delays_and_they_pull_csat_down()
    {
        var (client, id) = await ImportedAsync();
        var report = await (await client.GetAsync($"/api/v1/voice/themes?metric=csat&surveyId={id}&quotes=3", Ct)).ReadJsonAsync();
        var texts = Read("olist_order_reviews.csv").Select(r => string.Join("\n", new[] { r["review_comment_title"].Trim(), r["review_comment_message"].Trim() }.Where(t => t.Length > 0)))
            .Where(t => t.Length > 0).ToList();
        Assert.Equal(texts.Count, report.GetProperty("texts").GetInt32());
        Assert.True(report.GetProperty("languages").GetProperty("pt").GetInt32() > texts.Count * 9 / 10, report.GetProperty("languages").ToString());
        // Sentiment totals: the same analyzer over the raw text, with the answers' language (pt) as the hint.
        var labels = texts.Select(t => SentimentAnalyzer.Analyze(t, "pt").Label).ToList();
        Assert.Equal((labels.Count(l => l == SentimentLabel.Negative), labels.Count(l => l == SentimentLabel.Positive)),
            (report.GetProperty("negative").GetInt32(), report.GetProperty("positive").GetInt32()));

        var themes = report.GetProperty("themes").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        var delay = themes["delay"];
        Assert.True(delay.GetProperty("count").GetInt32() >= 100, delay.ToString());
        Assert.True(delay.GetProperty("driver").GetProperty("high").GetDouble() < 0, "answers about delays have a lower CSAT, with an interval below zero: " + delay.GetProperty("driver"));
        // Quotes are shown on one line (line breaks become spaces) and cut at 280 characters with an ellipsis.
        var oneLine = texts.Select(t => t.ReplaceLineEndings(" ")).ToList();
        Assert.All(delay.GetProperty("quotes").EnumerateArray(), q => Assert.Contains(oneLine, t => t.StartsWith(q.GetProperty("text").GetString()!.TrimEnd('…'), StringComparison.Ordinal)));
        Assert.True(themes["delivery"].GetProperty("count").GetInt32() >= 100);
    }

    private static List<Dictionary<string, string>> Read(string file)
    {
        using var stream = File.OpenRead(Path.Combine(Dir, file));
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { HasHeader = true, AllowLineBreaksInQuotes = true });
        var headers = csv.Headers.ToList();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(headers.Select((h, i) => (h, v: csv.GetString(i) ?? "")).ToDictionary(x => x.h, x => x.v));
        return rows;
    }
}

public sealed class OlistReviewAnswersApiOnSqlite(SqliteApp app) : OlistReviewAnswersApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class OlistReviewAnswersApiOnPostgres(PostgresApp app) : OlistReviewAnswersApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
