using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Service;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

/// <summary>
/// The closed-loop rule: a complete answer that is a detractor (NPS 0-6), an unsatisfied CSAT (1-2) or a hard effort
/// (CES 1-2) opens a follow-up ticket for the team that owns the touchpoint (Voice:Owners, default Support), with the
/// answer and a link to the customer's journey, and a follow-up record that tracks its outcome. One per answer.
/// </summary>
public sealed class ClosedLoop(VoiceOptions options)
{
    /// <summary>Why an answer needs a follow-up, or null when it does not.</summary>
    public static string? Reason(SurveyKind kind, int? score) => (kind, score) switch
    {
        (SurveyKind.Nps, <= 6 and >= 0) => $"detractor (NPS {score})",
        (SurveyKind.Csat, <= 2 and >= 1) => $"unsatisfied (CSAT {score})",
        (SurveyKind.Ces, <= 2 and >= 1) => $"hard effort (CES {score})",
        _ => null,
    };

    public string OwnerTeamName(string? touchpoint) =>
        touchpoint is { Length: > 0 } t && options.Owners.TryGetValue(t, out var team) ? team : options.DefaultOwnerTeam;

    /// <summary>Opens the follow-up when the rule says so; call in the answer's transaction, after it is saved.</summary>
    public async Task<FollowUp?> EvaluateAsync(TouchpointDb db, Survey survey, SurveyResponse r, DateTime nowUtc, CancellationToken ct)
    {
        if (Reason(survey.Kind, r.Score) is not { } reason || r.CompletedAtUtc is null) return null;
        if (await db.FollowUps.AnyAsync(f => f.ResponseId == r.Id, ct)) return null;
        var teamName = OwnerTeamName(r.Touchpoint);
        var teamId = await db.Teams.Where(t => t.Name == teamName).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
        long? customerId = r.CustomerId;
        if (customerId is null) return null; // an anonymous answer has no one to call back; it still counts in the scores
        var body = $"""
            Closed-loop follow-up for {survey.Name} (answer #{r.Id}, version {r.SurveyVersion}).
            Score: {r.Score} — {reason}.
            Touchpoint: {r.Touchpoint ?? "(none)"} · channel: {r.Channel}
            Comment: {(string.IsNullOrWhiteSpace(r.Comment) ? "(none)" : r.Comment)}
            Answer: /voice/responses/{r.Id}
            Customer's journey: /customers/{customerId}
            Owner team: {teamName}{(teamId is null ? " (no team of that name exists; unassigned)" : "")}
            """;
        // Through the one ticket write path, so the follow-up has its state history and its place on the timeline.
        var opened = await TicketThread.OpenAsync(db, customerId.Value,
            $"Follow-up: {reason}{(r.Touchpoint is { Length: > 0 } tp ? " at " + tp : "")} — {survey.Name}", TicketPriority.High, teamId,
            new IncomingMessage(AuthorKind.System, body, "survey", nowUtc, IsInternal: true), "voice", ct);
        var ticket = opened.Ticket;
        ticket.TagsJson = "[\"closed-loop\"]";
        var f = new FollowUp
        {
            ResponseId = r.Id, SurveyId = survey.Id, CustomerId = customerId, TicketId = ticket.Id, TeamId = teamId, Kind = survey.Kind,
            Score = r.Score!.Value, Touchpoint = r.Touchpoint, Reason = reason, Outcome = FollowUpOutcome.Open, CreatedAtUtc = nowUtc,
        };
        db.FollowUps.Add(f);
        await db.SaveChangesAsync(ct);
        return f;
    }
}
