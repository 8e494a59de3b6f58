using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Data.Voice;
using Touchpoint.Domain.Voice;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Voice;

public sealed record InvitationInput
{
    public long? CustomerId { get; init; }
    public string? Channel { get; init; }
    public string? Touchpoint { get; init; }
}

public sealed record InvitationDto(long Id, long SurveyId, long? CustomerId, string Channel, string Status, string? Reason, string? Link, DateTime DueAt, DateTime? SentAt, long? ResponseId);

public sealed record TriggerInput
{
    public long? SurveyId { get; init; }
    /// <summary>An outreach template to send instead of a survey (exactly one of surveyId, templateId).</summary>
    public long? TemplateId { get; init; }
    public string? Name { get; init; }
    public string? EventType { get; init; }
    public int? DelayHours { get; init; }
    public string? Segment { get; init; }
    public int? SamplingPercent { get; init; }
    public string? Channel { get; init; }
    public bool? Enabled { get; init; }
    public long? JourneyId { get; init; }
    public string? Stage { get; init; }
    public string? PropertyName { get; init; }
    public string? PropertyOperator { get; init; }
    public string? PropertyValue { get; init; }
}

public sealed record TriggerDto(long Id, long? SurveyId, long? TemplateId, string Name, string EventType, long? JourneyId, string? Stage, int DelayHours, string? Segment,
    string? PropertyName, string? PropertyOperator, string? PropertyValue, int SamplingPercent, string Channel, bool Enabled, long LastEventId);

/// <summary>
/// Distribution: invitations (POST /api/v1/surveys/{id}/invitations, with every fatigue rule) and journey triggers
/// (/api/v1/voice/triggers). Write policy for changes, Read for lists.
/// </summary>
public static class DistributionApi
{
    public static readonly string[] Channels = ["email", "chat", "form", "sms", "link", "in_app", "phone"];

    public static RouteGroupBuilder MapDistributionApi(this RouteGroupBuilder api)
    {
        api.MapPost("/surveys/{id:long}/invitations", Invite).WithTags("Surveys").RequireAuthorization(Policies.Write);
        api.MapGet("/surveys/{id:long}/invitations", Invitations).WithTags("Surveys").RequireAuthorization(Policies.Read);
        var t = api.MapGroup("/voice/triggers").WithTags("Voice");
        t.MapGet("/", Triggers).RequireAuthorization(Policies.Read);
        t.MapPost("/", CreateTrigger).RequireAuthorization(Policies.Write);
        t.MapPut("/{id:long}", UpdateTrigger).RequireAuthorization(Policies.Write);
        return api;
    }

    private static InvitationDto ToDto(SurveyInvitation i, VoiceOptions o) => new(i.Id, i.SurveyId, i.CustomerId, i.Channel, i.Status.ToString().ToLowerInvariant(), i.Reason,
        i.Status == InvitationStatus.Suppressed ? null : $"{o.PublicBaseUrl}/s/{i.Token}", i.DueAtUtc, i.SentAtUtc, i.ResponseId);

    private static TriggerDto ToDto(SurveyTrigger t) => new(t.Id, t.SurveyId, t.TemplateId, t.Name, t.EventType, t.JourneyId, t.Stage, t.DelayHours, t.Segment,
        t.PropertyName, t.PropertyOperator, t.PropertyValue, t.SamplingPercent, t.Channel, t.Enabled, t.LastEventId);

    /// <summary>Trigger channels: the invitation channels, plus "ticket" (the ticket's own channel, for CSAT after solve).</summary>
    public static readonly string[] TriggerChannels = [.. Channels, SurveyChannels.Ticket];

    /// <summary>201 with the invitation; 200 with status "suppressed" and the reason when a fatigue rule held it back (recorded for audit).</summary>
    public static async Task<Results<Created<InvitationDto>, Ok<InvitationDto>, NotFound, ValidationProblem, ProblemHttpResult>> Invite(TouchpointDb db, SurveyDispatch dispatch, VoiceOptions o,
        long id, InvitationInput input, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null) return TypedResults.NotFound();
        var errors = new List<(string, string)>();
        if (input.CustomerId is null) errors.Add(("customerId", "is required"));
        var channel = string.IsNullOrWhiteSpace(input.Channel) ? "email" : input.Channel.Trim().ToLowerInvariant();
        if (!Channels.Contains(channel)) errors.Add(("channel", $"must be one of {string.Join(", ", Channels)}"));
        if (input.Touchpoint is { Length: > 100 }) errors.Add(("touchpoint", "is longer than 100 characters"));
        if (survey.Status != SurveyStatus.Live) errors.Add(("surveyId", "the survey is not live"));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct)) return Validation.Problem(("customerId", "no customer has this id"));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await dispatch.InviteAsync(db, survey, input.CustomerId!.Value, channel, input.Touchpoint, null, null, null, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (r.Invitation is null) return Validation.Problem(("customerId", r.Skipped ?? "not invited"));
        if (r.Skipped is not null) return TypedResults.Ok(ToDto(r.Invitation, o));
        return TypedResults.Created($"/api/v1/surveys/{id}/invitations", ToDto(r.Invitation, o));
    }

    public static async Task<Results<Ok<List<InvitationDto>>, NotFound>> Invitations(TouchpointDb db, VoiceOptions o, long id, CancellationToken ct)
    {
        if (!await db.Surveys.AnyAsync(s => s.Id == id, ct)) return TypedResults.NotFound();
        var rows = await db.SurveyInvitations.AsNoTracking().Where(i => i.SurveyId == id).OrderByDescending(i => i.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(i => ToDto(i, o)).ToList());
    }

    public static async Task<Ok<List<TriggerDto>>> Triggers(TouchpointDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.SurveyTriggers.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct)).Select(ToDto).ToList());

    public static async Task<Results<Created<TriggerDto>, ValidationProblem>> CreateTrigger(TouchpointDb db, TimeProvider clock, TriggerInput input, CancellationToken ct)
    {
        var t = new SurveyTrigger { CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var errors = await ApplyAsync(db, t, input, creating: true, ct);
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        await SurveyTriggers.CreateAsync(db, t, ct);
        return TypedResults.Created($"/api/v1/voice/triggers/{t.Id}", ToDto(t));
    }

    public static async Task<Results<Ok<TriggerDto>, NotFound, ValidationProblem>> UpdateTrigger(TouchpointDb db, long id, TriggerInput input, CancellationToken ct)
    {
        var t = await db.SurveyTriggers.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return TypedResults.NotFound();
        var errors = await ApplyAsync(db, t, input, creating: false, ct);
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(t));
    }

    /// <summary>Checks and applies a trigger change; the API and the builder page share it, so both refuse the same input.</summary>
    internal static async Task<List<(string, string)>> ApplyAsync(TouchpointDb db, SurveyTrigger t, TriggerInput input, bool creating, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (input.SurveyId is not null && input.TemplateId is not null) errors.Add(("templateId", "give a surveyId or a templateId, not both"));
        else if (input.SurveyId is { } sid) { if (!await db.Surveys.AnyAsync(s => s.Id == sid, ct)) errors.Add(("surveyId", "no survey has this id")); else (t.SurveyId, t.TemplateId) = (sid, null); }
        else if (input.TemplateId is { } tid) { if (!await db.Set<OutreachTemplate>().AnyAsync(x => x.Id == tid, ct)) errors.Add(("templateId", "no outreach template has this id")); else (t.TemplateId, t.SurveyId) = (tid, null); }
        else if (creating) errors.Add(("surveyId", "is required (or templateId for an outreach message)"));
        if (input.EventType is { } et)
        {
            if (et.Length > 100 || (string.IsNullOrWhiteSpace(et) && string.IsNullOrWhiteSpace(input.Stage))) errors.Add(("eventType", "must be an event type of 1-100 characters, e.g. order.delivered"));
            else t.EventType = et.Trim();
        }
        else if (creating && string.IsNullOrWhiteSpace(input.Stage)) errors.Add(("eventType", "is required (or give journeyId and stage)"));
        await ApplyStageAsync(db, t, input, errors, ct);
        if (input.DelayHours is { } d) { if (d is < 0 or > 24 * 365) errors.Add(("delayHours", "must be between 0 and 8760")); else t.DelayHours = d; }
        if (input.SamplingPercent is { } p) { if (p is < 1 or > 100) errors.Add(("samplingPercent", "must be between 1 and 100")); else t.SamplingPercent = p; }
        if (input.Segment is { } seg) { if (seg.Length > 50) errors.Add(("segment", "is longer than 50 characters")); else t.Segment = string.IsNullOrWhiteSpace(seg) ? null : seg.Trim().ToLowerInvariant(); }
        ApplyProperty(t, input, errors);
        if (input.Channel is { } ch) { var c = ch.Trim().ToLowerInvariant(); if (!TriggerChannels.Contains(c)) errors.Add(("channel", $"must be one of {string.Join(", ", TriggerChannels)}")); else t.Channel = c; }
        if (input.Name is { } n) { if (n.Length > 200) errors.Add(("name", "is longer than 200 characters")); else t.Name = n.Trim(); }
        if (creating && string.IsNullOrWhiteSpace(t.Name)) t.Name = t.Stage is { Length: > 0 } st ? $"{t.DelayHours} h after reaching {st}" : $"{t.DelayHours} h after {t.EventType}";
        if (input.Enabled is { } e) t.Enabled = e;
        return errors;
    }

    /// <summary>"When stage Y is reached": the stage must exist in the journey's latest definition. An empty stage clears it.</summary>
    private static async Task ApplyStageAsync(TouchpointDb db, SurveyTrigger t, TriggerInput input, List<(string, string)> errors, CancellationToken ct)
    {
        if (input.Stage is null && input.JourneyId is null) return;
        if (string.IsNullOrWhiteSpace(input.Stage)) { t.Stage = null; t.JourneyId = null; return; }
        var journeyId = input.JourneyId ?? t.JourneyId;
        if (journeyId is null) { errors.Add(("journeyId", "is required with a stage")); return; }
        var journey = await Data.Journeys.JourneyCatalog.GetAsync(db, journeyId.Value, null, ct);
        if (journey is null) { errors.Add(("journeyId", "no journey has this id")); return; }
        var stage = input.Stage.Trim();
        if (journey.Definition.Stages.All(s => s.Key != stage))
        {
            errors.Add(("stage", $"journey '{journey.Name}' has no stage '{stage}' (stages: {string.Join(", ", journey.Definition.Stages.Select(s => s.Key))})"));
            return;
        }
        (t.JourneyId, t.Stage) = (journeyId, stage);
    }

    /// <summary>The property filter: all three parts, or an empty name to clear it.</summary>
    private static void ApplyProperty(SurveyTrigger t, TriggerInput input, List<(string, string)> errors)
    {
        if (input.PropertyName is null) return;
        if (string.IsNullOrWhiteSpace(input.PropertyName)) { (t.PropertyName, t.PropertyOperator, t.PropertyValue) = (null, null, null); return; }
        var op = (input.PropertyOperator ?? TriggerAudience.EqualsOperator).Trim().ToLowerInvariant();
        if (input.PropertyName.Length > 100) errors.Add(("propertyName", "is longer than 100 characters"));
        if (!TriggerAudience.Operators.Contains(op)) errors.Add(("propertyOperator", $"must be one of {string.Join(", ", TriggerAudience.Operators)}"));
        if (input.PropertyValue is null) errors.Add(("propertyValue", "is required with a property name"));
        else if (input.PropertyValue.Length > 500) errors.Add(("propertyValue", "is longer than 500 characters"));
        if (errors.Any(e => e.Item1.StartsWith("property", StringComparison.Ordinal))) return;
        (t.PropertyName, t.PropertyOperator, t.PropertyValue) = (input.PropertyName.Trim(), op, input.PropertyValue);
    }
}
