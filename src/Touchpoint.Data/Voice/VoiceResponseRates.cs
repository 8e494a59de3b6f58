using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

public sealed record ResponseRateReport(DateTime? From, DateTime? To, long? SurveyId, ChannelResponse Overall, IReadOnlyList<ChannelResponse> Channels);

/// <summary>
/// Response rates per distribution channel (<see cref="SurveyChannels.Distribution"/>: email, link, widget,
/// after-solve, and any other channel by name), over invitations created in [from, to), optionally of one survey.
/// Counted in the store, one grouped query.
/// </summary>
public static class VoiceResponseRates
{
    public static async Task<ResponseRateReport> ReportAsync(TouchpointDb db, DateTime? fromUtc, DateTime? toUtc, long? surveyId, CancellationToken ct)
    {
        var q = db.SurveyInvitations.AsNoTracking();
        if (fromUtc is { } f) q = q.Where(i => i.CreatedAtUtc >= f);
        if (toUtc is { } t) q = q.Where(i => i.CreatedAtUtc < t);
        if (surveyId is { } s) q = q.Where(i => i.SurveyId == s);
        var rows = await q.GroupBy(i => new { i.Channel, AfterSolve = i.TicketId != null })
            .Select(g => new
            {
                g.Key.Channel, g.Key.AfterSolve,
                Sent = g.Count(i => i.SentAtUtc != null),
                Delivered = g.Count(i => i.DeliveredAtUtc != null),
                Opened = g.Count(i => i.OpenedAtUtc != null),
                Answered = g.Count(i => i.Status == InvitationStatus.Answered),
                Suppressed = g.Count(i => i.Status == InvitationStatus.Suppressed),
            }).ToListAsync(ct);
        var byChannel = rows.GroupBy(r => SurveyChannels.Distribution(r.Channel, r.AfterSolve ? 0 : null))
            .ToDictionary(g => g.Key, g => new ChannelResponse(g.Key, g.Sum(r => r.Sent), g.Sum(r => r.Delivered), g.Sum(r => r.Opened), g.Sum(r => r.Answered), g.Sum(r => r.Suppressed)));
        foreach (var main in ResponseRate.MainChannels) byChannel.TryAdd(main, new ChannelResponse(main, 0, 0, 0, 0, 0));
        var ordered = ResponseRate.MainChannels.Select(c => byChannel[c])
            .Concat(byChannel.Values.Where(c => !ResponseRate.MainChannels.Contains(c.Channel)).OrderBy(c => c.Channel, StringComparer.Ordinal)).ToList();
        return new(fromUtc, toUtc, surveyId, ResponseRate.Total(ordered), ordered);
    }
}
