using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Web.Api;

namespace Touchpoint.Web.Features.Voice;

/// <summary>One survey answer with what a reader needs around it: the survey, the customer and the ticket.</summary>
public sealed record ResponseDetail(ResponseDto Response, SurveySummary Survey, string? CustomerName, string? TicketSubject);

/// <summary>A survey's answers, newest first, with the customer's name.</summary>
public sealed record ResponseRow(ResponseDto Response, string? CustomerName);

public static class ResponseQuery
{
    public static async Task<ResponseDetail?> DetailAsync(TouchpointDb db, long id, CancellationToken ct)
    {
        var r = await db.SurveyResponses.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return null;
        var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == r.SurveyId, ct);
        var customer = r.CustomerId is { } c ? await db.Customers.AsNoTracking().Where(x => x.Id == c).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var ticket = r.TicketId is { } t ? await db.Tickets.AsNoTracking().Where(x => x.Id == t).Select(x => x.Subject).FirstOrDefaultAsync(ct) : null;
        return new ResponseDetail(SurveysApi.ToDto(r), SurveysApi.ToSummary(survey), customer, ticket);
    }

    public static async Task<CursorPage<ResponseRow>> PageAsync(TouchpointDb db, long surveyId, string? cursor, int limit, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var after)) after = null;
        var rows = await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == surveyId && (after == null || r.Id < after))
            .OrderByDescending(r => r.Id).Take(limit + 1)
            .GroupJoin(db.Customers, r => r.CustomerId, c => c.Id, (r, cs) => new { r, cs })
            .SelectMany(x => x.cs.DefaultIfEmpty(), (x, c) => new { x.r, Name = c == null ? null : c.Name })
            .OrderByDescending(x => x.r.Id)
            .ToListAsync(ct);
        return Cursor.Page(rows.Select(x => new ResponseRow(SurveysApi.ToDto(x.r), x.Name)).ToList(), limit, x => x.Response.Id);
    }
}
