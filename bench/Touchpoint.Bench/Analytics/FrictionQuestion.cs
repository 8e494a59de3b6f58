using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Analytics;
using Touchpoint.Data.Journeys;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;
using Touchpoint.Domain.Journeys.Friction;
using Touchpoint.Domain.Journeys.Maps;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Bench.Analytics;

/// <summary>
/// The friction question: for each touchpoint type, customers who had it against those who did not, compared on churn
/// afterwards (no event in the 90 days before the end of the data). The product answers it with
/// <see cref="FrictionReport"/>, the entry point of GET /api/v1/journeys/friction and `touchpoint analytics friction`,
/// which reads the whole store into memory and runs <see cref="FrictionAnalysis"/> (every condition × every outcome).
/// Check = affected customers who churned, summed over the touchpoint-type conditions.
/// </summary>
public static class FrictionQuestion
{
    public const string Name = "friction (touchpoint x churn)";

    /// <summary>The shopper journey friction analysis needs, with owners it accepts; the synthetic types map onto it.</summary>
    /// <summary>Defines the journey and an NPS survey; returns the survey's id (the loader adds its answers).</summary>
    public static async Task<long> DefineJourneyAsync(TouchpointDbFactory factory)
    {
        await using var db = factory.Create();
        var now = DateTime.UtcNow;
        foreach (var name in JourneyTemplates.Shopper.Stages.SelectMany(s => s.Touchpoints).Select(t => t.OwnerTeam).Distinct())
            db.Teams.Add(new Team { Name = name, CreatedAtUtc = now });
        await db.SaveChangesAsync();
        var teams = await db.Teams.ToDictionaryAsync(t => t.Name, t => t.Id);
        var (_, errors) = await JourneyCatalog.SaveAsync(db, null, JourneyTemplates.Shopper.ToDefinition(teams), JourneyTemplates.Shopper.Key, "bench", now, default);
        if (errors.Count > 0) throw new InvalidOperationException("Benchmark journey rejected: " + string.Join("; ", errors));
        var survey = new Survey { Name = "Bench NPS", Kind = SurveyKind.Nps, Status = SurveyStatus.Live, CreatedAtUtc = now };
        db.Surveys.Add(survey);
        await db.SaveChangesAsync();
        return survey.Id;
    }

    public static async Task<long> ProductAsync(TouchpointDbFactory factory, IJourneyAnalytics engine)
    {
        await using var db = factory.Create();
        return Check(await FrictionReport.RunAsync(db, engine, null, new FrictionOptions(), default));
    }

    public static async Task<long> ReferenceAsync(TouchpointDbFactory factory)
    {
        await using var db = factory.Create();
        return Check(await FrictionReport.ReferenceAsync(db, null, new FrictionOptions(), default));
    }

    private static long Check(FrictionReportResult? result)
    {
        var report = result ?? throw new InvalidOperationException("No journey defined.");
        // Churn values are 0/1 per customer, so the affected group's rate × its size is a whole number of customers.
        return report.Findings.Select(r => r.Finding)
            .Where(f => f.Kind == FrictionKind.Touchpoint && f.Outcome == FrictionOutcome.Churn && f.AffectedValue is not null)
            .Sum(f => (long)Math.Round(f.AffectedValue!.Value * f.AffectedMeasured / 100));
    }

    /// <summary>
    /// The same question by hand on the DuckDB mirror: exposure at a customer's first event of the type (else their
    /// first event), measured when at least 90 days before the end; churned when the last event is older than that.
    /// The per-type table is what an analyst would read; the check sums its affected-and-churned column.
    /// </summary>
    public const string DuckDb = """
        WITH bounds AS (SELECT max(ts) - INTERVAL 90 DAY AS cutoff FROM events),
        c AS (SELECT customer_id, min(ts) AS first_ts, max(ts) AS last_ts FROM events GROUP BY ALL),
        t AS (SELECT customer_id, type, min(ts) AS at FROM events WHERE type NOT LIKE 'survey.%' GROUP BY ALL),
        types AS (SELECT DISTINCT type FROM t),
        x AS (SELECT types.type, t.at IS NOT NULL AS affected, coalesce(t.at, c.first_ts) AS at, c.last_ts
              FROM types CROSS JOIN c LEFT JOIN t ON t.customer_id = c.customer_id AND t.type = types.type),
        per_type AS (SELECT x.type,
                       count(*) FILTER (WHERE affected) AS affected, count(*) FILTER (WHERE NOT affected) AS others,
                       count(*) FILTER (WHERE affected AND x.at <= b.cutoff) AS affected_measured,
                       count(*) FILTER (WHERE affected AND x.at <= b.cutoff AND x.last_ts < b.cutoff) AS affected_churned,
                       avg(CASE WHEN x.last_ts < b.cutoff THEN 100.0 ELSE 0 END) FILTER (WHERE affected AND x.at <= b.cutoff) AS affected_churn_pct,
                       avg(CASE WHEN x.last_ts < b.cutoff THEN 100.0 ELSE 0 END) FILTER (WHERE NOT affected AND x.at <= b.cutoff) AS others_churn_pct
                     FROM x, bounds b GROUP BY x.type)
        SELECT sum(affected_churned) FROM per_type
        """;
}
