using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Service;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Ingestion;

/// <summary>
/// The one path by which Touchpoint's own records (tickets, messages, survey answers) become touchpoints on the
/// customer's timeline. Callers add the record, save, then call this in the same transaction.
/// </summary>
public static class TouchpointRecorder
{
    public static TouchpointEvent TicketCreated(TouchpointDb db, Ticket t, string source) =>
        Add(db, $"ticket-{t.Id}-created", t.CustomerId, TouchpointTypes.TicketCreated, t.Channel, t.CreatedAtUtc, 0, source,
            TouchpointTypes.RefTicket, t.Id, $$"""{"ticket_id":{{t.Id}}}""");

    public static TouchpointEvent TicketMessage(TouchpointDb db, Ticket t, TicketMessage m, string source) =>
        Add(db, $"message-{m.Id}", t.CustomerId, TouchpointTypes.TicketMessage, m.Channel, m.CreatedAtUtc, 0, source,
            TouchpointTypes.RefMessage, m.Id, $$"""{"ticket_id":{{t.Id}},"author":"{{m.Author.ToString().ToLowerInvariant()}}"}""");

    public static TouchpointEvent TicketSolved(TouchpointDb db, Ticket t, DateTime atUtc, string source) =>
        Add(db, $"ticket-{t.Id}-solved-{atUtc.Ticks}", t.CustomerId, TouchpointTypes.TicketSolved, t.Channel, atUtc, 0, source,
            TouchpointTypes.RefTicket, t.Id, $$"""{"ticket_id":{{t.Id}}}""");

    public static TouchpointEvent? SurveyAnswered(TouchpointDb db, SurveyResponse r, string source) => r.CustomerId is not { } customer ? null :
        Add(db, $"response-{r.Id}", customer, TouchpointTypes.SurveyAnswered, r.Channel, r.AnsweredAtUtc, r.OffsetMinutes, source,
            TouchpointTypes.RefSurveyResponse, r.Id,
            System.Text.Json.JsonSerializer.Serialize(new { survey_id = r.SurveyId, score = r.Score, touchpoint = r.Touchpoint }));

    /// <summary>A survey invitation sent (or shown) to a customer.</summary>
    public static TouchpointEvent? SurveyInvited(TouchpointDb db, SurveyInvitation i, DateTime atUtc, string source) => i.CustomerId is not { } customer ? null :
        Add(db, $"invitation-{i.Id}", customer, TouchpointTypes.SurveyInvited, i.Channel, atUtc, 0, source, TouchpointTypes.RefSurveyInvitation, i.Id,
            System.Text.Json.JsonSerializer.Serialize(new { survey_id = i.SurveyId, ticket_id = i.TicketId, touchpoint = i.Touchpoint }));

    public static TouchpointEvent OutreachSent(TouchpointDb db, OutreachMessage m, DateTime atUtc, string source) =>
        Add(db, $"outreach-{m.Id}", m.CustomerId, Voice.OutreachDispatch.TouchpointType, "email", atUtc, 0, source, Voice.OutreachDispatch.RefKind, m.Id,
            System.Text.Json.JsonSerializer.Serialize(new { template_id = m.TemplateId, subject = m.Subject, trigger_id = m.TriggerId }));

    private static TouchpointEvent Add(TouchpointDb db, string clientId, long customerId, string type, string channel, DateTime atUtc,
        short offset, string source, string refKind, long refId, string props)
    {
        var e = new TouchpointEvent
        {
            ClientEventId = clientId,
            CustomerId = customerId,
            Type = type,
            Channel = channel,
            OccurredAtUtc = atUtc,
            OffsetMinutes = offset,
            ReceivedAtUtc = DateTime.UtcNow,
            PropertiesJson = props,
            Source = source,
            RefKind = refKind,
            RefId = refId,
        };
        db.Events.Add(e);
        return e;
    }
}
