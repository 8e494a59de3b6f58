using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Web.Features.Voice;

/// <summary>
/// A survey with its headline metric over all its answers. The metric is the one of the survey's scale (NPS,
/// CSAT or CES), computed by <see cref="ScoreMetrics"/>, never here.
/// </summary>
public sealed record SurveyScore(SurveySummary Survey, int Answers, int Scored, int Comments, NpsResult? Nps, double? CsatPercent, double? CesMean);

public static class SurveyScores
{
    public static async Task<IReadOnlyList<SurveyScore>> AllAsync(TouchpointDb db, CancellationToken ct)
    {
        var surveys = await db.Surveys.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        // Counts per score, not the answers: a survey with a million answers has at most 11 distinct scores.
        var counts = await db.SurveyResponses.AsNoTracking()
            .GroupBy(r => new { r.SurveyId, r.Score, HasComment = r.Comment != null && r.Comment != "" })
            .Select(g => new { g.Key.SurveyId, g.Key.Score, g.Key.HasComment, Count = g.Count() }).ToListAsync(ct);
        return surveys.Select(s =>
        {
            var mine = counts.Where(c => c.SurveyId == s.Id).ToList();
            var scores = mine.Where(c => c.Score != null).SelectMany(c => Enumerable.Repeat(c.Score!.Value, c.Count)).ToList();
            return new SurveyScore(SurveysApi.ToSummary(s), mine.Sum(c => c.Count), scores.Count, mine.Where(c => c.HasComment).Sum(c => c.Count),
                s.Kind == SurveyKind.Nps ? ScoreMetrics.Nps(scores) : null,
                s.Kind == SurveyKind.Csat ? ScoreMetrics.CsatPercent(scores) : null,
                s.Kind == SurveyKind.Ces ? ScoreMetrics.CesMean(scores) : null);
        }).ToList();
    }
}
