using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Web.Features.Service;
using Touchpoint.Web.Features.Voice;

namespace Touchpoint.Web.Features.Customers;

/// <summary>A survey answer with the survey it belongs to, for lists that show answers from several surveys.</summary>
public sealed record AnswerRow(ResponseDto Response, string SurveyName, string SurveyKind);

/// <summary>The customer's tickets and survey answers for the tabs of the customer page (the timeline holds them too).</summary>
public static class CustomerRecords
{
    public const int Limit = 200;

    public static async Task<IReadOnlyList<TicketSummary>> TicketsAsync(TouchpointDb db, long customerId, CancellationToken ct) =>
        (await db.Tickets.AsNoTracking().Where(t => t.CustomerId == customerId && t.MergedIntoId == null)
            .OrderByDescending(t => t.CreatedAtUtc).ThenByDescending(t => t.Id).Take(Limit).ToListAsync(ct))
        .Select(t => t.ToSummary()).ToList();

    public static async Task<IReadOnlyList<AnswerRow>> AnswersAsync(TouchpointDb db, long customerId, CancellationToken ct)
    {
        var rows = await db.SurveyResponses.AsNoTracking().Where(r => r.CustomerId == customerId)
            .Join(db.Surveys, r => r.SurveyId, s => s.Id, (r, s) => new { r, s.Name, s.Kind })
            .OrderByDescending(x => x.r.AnsweredAtUtc).ThenByDescending(x => x.r.Id).Take(Limit).ToListAsync(ct);
        return rows.Select(x => new AnswerRow(SurveysApi.ToDto(x.r), x.Name, x.Kind.ToString().ToUpperInvariant())).ToList();
    }
}
