using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;
using Touchpoint.Domain.Voice.Text;

namespace Touchpoint.Data.Voice;

/// <summary>
/// Themes and drivers over the free text of answers of every survey of one kind (or one survey), in a period of
/// answer time. Computed on read from the stored comments (the lexicon runs at tens of thousands of texts a second),
/// so a better lexicon applies to old answers at once and no schema holds derived text data.
/// </summary>
public static class VoiceThemes
{
    public static async Task<ThemeReport> ReportAsync(TouchpointDb db, SurveyKind kind, DateTime? fromUtc, DateTime? toUtc, long? surveyId, int quotes, CancellationToken ct)
    {
        var q = from r in db.SurveyResponses.AsNoTracking()
                join s in db.Surveys on r.SurveyId equals s.Id
                where s.Kind == kind && r.Comment != null && r.Comment != ""
                select r;
        if (surveyId is { } sid) q = q.Where(r => r.SurveyId == sid);
        if (fromUtc is { } f) q = q.Where(r => r.AnsweredAtUtc >= f);
        if (toUtc is { } t) q = q.Where(r => r.AnsweredAtUtc < t);
        var rows = await q.OrderBy(r => r.Id).Select(r => new ThemeInput(r.Id, r.Comment!, r.Score, r.Language)).ToListAsync(ct);
        return ThemeAnalysis.Report(kind, rows, quotes);
    }
}
