using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Bench;

public sealed record NpsQueryResult(string Question, double ProductSeconds, double SqlSeconds, int Groups, bool SameAnswer);

/// <summary>
/// NPS by segment and by month over N answers bulk-loaded into the embedded default store (SQLite): the product's
/// path (VoiceAnalytics.ReportAsync, the code behind the API, the CLI and the scores page) against the same question
/// written as plain SQL (GROUP BY in the store, NPS computed from the three counts), in the same run, with a check
/// that both give the same NPS for every group.
/// </summary>
public static class NpsQueryBenchmark
{
    private static readonly string[] Segments = ["retail", "business", "vip", "student", "public"];

    public static async Task<(double LoadSeconds, IReadOnlyList<NpsQueryResult> Results)> RunAsync(int answers)
    {
        await using var app = new BenchApp(StoreProvider.Sqlite);
        await app.InitializeAsync();
        var factory = app.Services.GetRequiredService<TouchpointDbFactory>();
        var customers = Math.Max(1000, answers / 100);
        long surveyId;
        await using (var db = factory.Create())
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < customers; i += 10_000)
            {
                db.Customers.AddRange(Enumerable.Range(i, Math.Min(10_000, customers - i)).Select(k => new Customer { Name = $"Bench {k}", Segment = Segments[k % Segments.Length], CreatedAtUtc = now }));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
            var survey = new Survey { Name = "Bench NPS", Kind = SurveyKind.Nps, Status = SurveyStatus.Closed, Question = "Recommend us?", CreatedAtUtc = now };
            db.Surveys.Add(survey);
            await db.SaveChangesAsync();
            surveyId = survey.Id;
        }
        var firstCustomer = await FirstCustomerAsync(factory);
        var sw = Stopwatch.StartNew();
        BulkLoad(app.ConnectionString, surveyId, firstCustomer, customers, answers);
        var load = sw.Elapsed.TotalSeconds;

        var results = new List<NpsQueryResult>();
        foreach (var by in new[] { "segment", "month" })
        {
            sw.Restart();
            ScoreReport report;
            await using (var db = factory.Create()) report = await VoiceAnalytics.ReportAsync(db, SurveyKind.Nps, by, null, null, null, CancellationToken.None);
            var product = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var sql = PlainSql(app.ConnectionString, by);
            var plain = sw.Elapsed.TotalSeconds;
            var same = report.Groups.Count == sql.Count && report.Groups.All(g => sql.TryGetValue(g.Key, out var n) && Math.Abs(n - (g.Score.Value ?? double.NaN)) < 1e-9);
            results.Add(new($"NPS by {by}", product, plain, sql.Count, same));
        }
        return (load, results);
    }

    private static async Task<long> FirstCustomerAsync(TouchpointDbFactory factory)
    {
        await using var db = factory.Create();
        return db.Customers.Min(c => c.Id);
    }

    /// <summary>One transaction, one prepared INSERT reused: scores 0-10 skewed to 7-10, two years of answers, local offsets of 0 or +60 minutes.</summary>
    private static void BulkLoad(string connectionString, long surveyId, long firstCustomer, int customers, int answers)
    {
        using var conn = new SqliteConnection(connectionString);
        conn.Open();
        using (var pragma = conn.CreateCommand()) { pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"; pragma.ExecuteNonQuery(); }
        using var tx = conn.BeginTransaction();
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO survey_responses (survey_id, customer_id, score, channel, survey_version, answers_json, completed_at_utc, answered_at_utc, offset_minutes) " +
                          "VALUES ($s, $c, $score, 'email', 1, '{}', $at, $at, $off)";
        var p = new[] { "$s", "$c", "$score", "$at", "$off" }.Select(n => { var x = cmd.CreateParameter(); x.ParameterName = n; cmd.Parameters.Add(x); return x; }).ToArray();
        cmd.Prepare();
        var rng = new Random(42);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var span = (long)TimeSpan.FromDays(730).TotalSeconds;
        p[0].Value = surveyId;
        for (var i = 0; i < answers; i++)
        {
            p[1].Value = firstCustomer + rng.Next(customers);
            var u = rng.NextDouble();
            p[2].Value = u < 0.25 ? rng.Next(0, 7) : u < 0.55 ? rng.Next(7, 9) : rng.Next(9, 11);
            p[3].Value = start.AddSeconds(rng.NextInt64(span)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            p[4].Value = rng.Next(2) * 60;
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>The same question by hand: counts per group in the store, NPS = 100 (promoters − detractors) / answers.</summary>
    private static Dictionary<string, double> PlainSql(string connectionString, string by)
    {
        using var conn = new SqliteConnection(connectionString);
        conn.Open();
        using var cmd = conn.CreateCommand();
        var key = by == "segment"
            ? "CASE WHEN c.segment IS NULL OR c.segment = '' THEN '(none)' ELSE c.segment END"
            : "strftime('%Y-%m', r.answered_at_utc, r.offset_minutes || ' minutes')";
        cmd.CommandText = $"""
            SELECT {key} AS k, COUNT(*), SUM(r.score >= 9), SUM(r.score <= 6)
            FROM survey_responses r JOIN surveys s ON s.id = r.survey_id LEFT JOIN customers c ON c.id = r.customer_id
            WHERE s.kind = 0 AND r.score IS NOT NULL
            GROUP BY k
            """;
        var result = new Dictionary<string, double>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            double n = reader.GetInt64(1), promoters = reader.GetInt64(2), detractors = reader.GetInt64(3);
            result[reader.GetString(0)] = 100 * (promoters - detractors) / n;
        }
        return result;
    }
}
