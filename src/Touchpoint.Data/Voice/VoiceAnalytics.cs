using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

/// <summary>One group of answers (a month, a segment, a stage...) with its headline metric and interval.</summary>
/// <remarks>Mean is the plain mean of the scores on the survey's scale (e.g. 4.1 stars for CSAT): the headline metric
/// is a share, and the mean is the figure review sites and the Olist finding quote.</remarks>
public sealed record ScoreGroup(string Key, int Answers, Estimate Score, Estimate? Easy, int? Promoters, int? Passives, int? Detractors, double? Mean = null);

public sealed record ScoreReport(string Metric, string By, DateTime? From, DateTime? To, ScoreGroup Overall, IReadOnlyList<ScoreGroup> Groups,
    ScoreGroup? Previous, Change? ChangeFromPrevious);

/// <summary>
/// NPS, CSAT and CES over answers of every survey of that kind (or one survey), grouped by week, month, segment,
/// touchpoint (the journey stage the survey was asked at), channel or survey. Weeks and months are those of the
/// answer's own local time (its stored offset). With a period, the report also gives the previous period of the same
/// length and the significance of the change. Only answers with a score count; comment-only answers do not.
/// </summary>
public static class VoiceAnalytics
{
    public static readonly string[] Dimensions = ["none", "week", "month", "segment", "touchpoint", "stage", "channel", "survey"];

    private sealed record Row(int Score, DateTime AtUtc, short Offset, string Channel, string? Touchpoint, string? Segment, long SurveyId);

    public static async Task<ScoreReport> ReportAsync(TouchpointDb db, SurveyKind kind, string by, DateTime? fromUtc, DateTime? toUtc, long? surveyId, CancellationToken ct)
    {
        if (by is not ("week" or "month")) return await ReportByCountsAsync(db, kind, by, fromUtc, toUtc, surveyId, ct);
        var rows = await LoadAsync(db, kind, fromUtc, toUtc, surveyId, ct);
        ScoreGroup? previous = null;
        Change? change = null;
        var overall = Group(kind, "all", rows);
        if (fromUtc is { } f && toUtc is { } t && t > f)
        {
            previous = Group(kind, "previous", await LoadAsync(db, kind, f - (t - f), f, surveyId, ct));
            change = VoiceStatistics.Compare(overall.Score, previous.Score);
        }
        var groups = by is "none" or "" ? [] : rows.GroupBy(r => KeyOf(r, by)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(kind, g.Key, g.ToList())).ToList();
        return new(kind.ToString().ToLowerInvariant(), by, fromUtc, toUtc, overall, groups, previous, change);
    }

    /// <summary>
    /// Groups that do not depend on local time are counted in the store — answers per (group, score) — so millions of
    /// answers never travel to .NET one by one (docs/benchmarks.md); every figure comes from the same scores as before.
    /// </summary>
    private static async Task<ScoreReport> ReportByCountsAsync(TouchpointDb db, SurveyKind kind, string by, DateTime? fromUtc, DateTime? toUtc, long? surveyId, CancellationToken ct)
    {
        var counts = await CountAsync(db, kind, by, fromUtc, toUtc, surveyId, ct);
        ScoreGroup? previous = null;
        Change? change = null;
        var overall = Group(kind, "all", counts);
        if (fromUtc is { } f && toUtc is { } t && t > f)
        {
            previous = Group(kind, "previous", await CountAsync(db, kind, "none", f - (t - f), f, surveyId, ct));
            change = VoiceStatistics.Compare(overall.Score, previous.Score);
        }
        var groups = by is "none" or "" ? [] : counts.GroupBy(c => c.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(kind, g.Key, g.ToList())).ToList();
        return new(kind.ToString().ToLowerInvariant(), by, fromUtc, toUtc, overall, groups, previous, change);
    }

    private sealed record ScoreCount(string Key, int Score, int Count);

    private static async Task<List<ScoreCount>> CountAsync(TouchpointDb db, SurveyKind kind, string by, DateTime? fromUtc, DateTime? toUtc, long? surveyId, CancellationToken ct)
    {
        var q = from r in db.SurveyResponses.AsNoTracking()
                join s in db.Surveys on r.SurveyId equals s.Id
                join c in db.Customers on r.CustomerId equals c.Id into cs
                from c in cs.DefaultIfEmpty()
                where s.Kind == kind && r.Score != null
                select new { r, Segment = c == null ? null : c.Segment };
        if (surveyId is { } sid) q = q.Where(x => x.r.SurveyId == sid);
        if (fromUtc is { } f) q = q.Where(x => x.r.AnsweredAtUtc >= f);
        if (toUtc is { } t) q = q.Where(x => x.r.AnsweredAtUtc < t);
        var keyed = by switch
        {
            "segment" => q.Select(x => new { Key = (string?)x.Segment, Score = x.r.Score!.Value }),
            "touchpoint" or "stage" => q.Select(x => new { Key = (string?)x.r.Touchpoint, Score = x.r.Score!.Value }),
            "channel" => q.Select(x => new { Key = (string?)x.r.Channel, Score = x.r.Score!.Value }),
            "survey" => q.Select(x => new { Key = (string?)x.r.SurveyId.ToString(), Score = x.r.Score!.Value }),
            _ => q.Select(x => new { Key = (string?)null, Score = x.r.Score!.Value }),
        };
        var rows = await keyed.GroupBy(x => new { x.Key, x.Score }).Select(g => new { g.Key.Key, g.Key.Score, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => new ScoreCount(by is "none" or "" ? "all" : string.IsNullOrEmpty(r.Key) ? "(none)" : r.Key, r.Score, r.Count)).ToList();
    }

    private static ScoreGroup Group(SurveyKind kind, string key, IReadOnlyCollection<ScoreCount> counts) =>
        Group(kind, key, counts.SelectMany(c => Enumerable.Repeat(c.Score, c.Count)));

    private static async Task<List<Row>> LoadAsync(TouchpointDb db, SurveyKind kind, DateTime? fromUtc, DateTime? toUtc, long? surveyId, CancellationToken ct)
    {
        var q = from r in db.SurveyResponses.AsNoTracking()
                join s in db.Surveys on r.SurveyId equals s.Id
                join c in db.Customers on r.CustomerId equals c.Id into cs
                from c in cs.DefaultIfEmpty()
                where s.Kind == kind && r.Score != null
                select new { r, Segment = c == null ? null : c.Segment };
        if (surveyId is { } sid) q = q.Where(x => x.r.SurveyId == sid);
        if (fromUtc is { } f) q = q.Where(x => x.r.AnsweredAtUtc >= f);
        if (toUtc is { } t) q = q.Where(x => x.r.AnsweredAtUtc < t);
        return await q.Select(x => new Row(x.r.Score!.Value, x.r.AnsweredAtUtc, x.r.OffsetMinutes, x.r.Channel, x.r.Touchpoint, x.Segment, x.r.SurveyId)).ToListAsync(ct);
    }

    private static string KeyOf(Row r, string by)
    {
        var local = r.AtUtc.AddMinutes(r.Offset);
        return by switch
        {
            "month" => local.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            "week" => $"{ISOWeek.GetYear(local)}-W{ISOWeek.GetWeekOfYear(local):00}",
            "segment" => string.IsNullOrEmpty(r.Segment) ? "(none)" : r.Segment,
            "touchpoint" or "stage" => string.IsNullOrEmpty(r.Touchpoint) ? "(none)" : r.Touchpoint,
            "channel" => string.IsNullOrEmpty(r.Channel) ? "(none)" : r.Channel,
            "survey" => r.SurveyId.ToString(CultureInfo.InvariantCulture),
            _ => "all",
        };
    }

    private static ScoreGroup Group(SurveyKind kind, string key, IReadOnlyCollection<Row> rows) => Group(kind, key, rows.Select(r => r.Score));

    private static ScoreGroup Group(SurveyKind kind, string key, IEnumerable<int> all)
    {
        var scores = all.ToList();
        double? mean = scores.Count == 0 ? null : scores.Average();
        switch (kind)
        {
            case SurveyKind.Nps:
                var n = ScoreMetrics.Nps(scores);
                return new(key, n.Answers, VoiceStatistics.Nps(n), null, n.Promoters, n.Passives, n.Detractors, mean);
            case SurveyKind.Csat:
                var c = VoiceStatistics.Csat(scores);
                return new(key, c.N, c, null, null, null, null, mean);
            default:
                var m = VoiceStatistics.CesMean(scores);
                return new(key, m.N, m, VoiceStatistics.CesEasy(scores), null, null, null, mean);
        }
    }
}
