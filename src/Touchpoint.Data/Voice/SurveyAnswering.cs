using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Ingestion;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

public enum AnswerFailure { None, NotFound, Closed, AlreadyCompleted, Invalid }

/// <summary>What a submission did: the stored (partial or complete) answer and the next question, or why it was refused.</summary>
public sealed record AnswerResult(AnswerFailure Failure, SurveyResponse? Response = null, SurveyQuestion? Next = null, string? Token = null,
    string? Field = null, string? Message = null)
{
    public bool Succeeded => Failure == AnswerFailure.None;
    public bool Completed => Response?.CompletedAtUtc is not null;
}

/// <summary>An invitation (or anonymous link) with its survey, the definition it is answered against, and the answer so far.</summary>
public sealed record AnswerSession(Survey Survey, SurveyInvitation? Invitation, SurveyResponse? Response, SurveyDefinition Definition,
    Dictionary<string, SurveyAnswerValue> Answers, bool Unsubscribed)
{
    public SurveyQuestion? Current => SurveyFlow.Current(Definition, Answers);
}

/// <summary>
/// Takes answers through personal tokens and anonymous links. The token rule: one answer per token. Submissions with
/// the same token update the stored answer while it is partial (the respondent can go back and change an answer);
/// once the respondent reaches the end the answer is complete and the token is refused (AlreadyCompleted, 409).
/// An anonymous link issues a fresh token on its first submission, so the rest of that visit follows the same rule.
/// </summary>
public static class SurveyAnswering
{
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(18));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static async Task<AnswerSession?> LoadAsync(TouchpointDb db, string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var inv = await db.SurveyInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.Token == token, ct);
        if (inv is null) return null;
        var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == inv.SurveyId, ct);
        var response = await db.SurveyResponses.AsNoTracking().FirstOrDefaultAsync(r => r.Token == token, ct);
        var def = await SurveyEditor.DefinitionAsync(db, survey, response?.SurveyVersion ?? survey.Version, ct);
        var unsubscribed = inv.CustomerId is { } c && await db.VoiceUnsubscribes.AnyAsync(u => u.CustomerId == c, ct);
        return new(survey, inv, response, def, ReadAnswers(response?.AnswersJson), unsubscribed);
    }

    /// <summary>Notes the first time the answer page was opened with this token (response rates: opened).</summary>
    public static Task<int> MarkOpenedAsync(TouchpointDb db, string token, DateTime nowUtc, CancellationToken ct) =>
        string.IsNullOrEmpty(token) || token.Length > 100 ? Task.FromResult(0)
            : db.SurveyInvitations.Where(i => i.Token == token && i.OpenedAtUtc == null).ExecuteUpdateAsync(u => u.SetProperty(i => i.OpenedAtUtc, nowUtc), ct);

    public static async Task<AnswerSession?> LoadAnonymousAsync(TouchpointDb db, long surveyId, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == surveyId && s.AllowAnonymous, ct);
        if (survey is null) return null;
        return new(survey, null, null, SurveyDefinition.FromJson(survey.DefinitionJson, survey.Kind, survey.Question), [], false);
    }

    public static Dictionary<string, SurveyAnswerValue> ReadAnswers(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try { return JsonSerializer.Deserialize<Dictionary<string, SurveyAnswerValue>>(json, SurveyDefinition.Json) ?? []; }
        catch (JsonException) { return []; }
    }

    /// <summary>Answers through a personal token (or a token an anonymous link issued).</summary>
    public static Task<AnswerResult> SubmitAsync(TouchpointDb db, ClosedLoop loop, string token, IReadOnlyDictionary<string, SurveyAnswerValue> answers,
        string? language, DateTimeOffset now, CancellationToken ct) => OneWriterAsync(db, () => SubmitTokenAsync(db, loop, token, answers, language, now, ct), ct);

    /// <summary>
    /// SQLite has one writer: concurrent answer transactions that read, then write, fail with SQLITE_BUSY and are
    /// retried after sleeps, which made 8 concurrent clients slower than one (docs/benchmarks.md). On SQLite answers
    /// queue here, in process, instead; PostgreSQL takes them side by side.
    /// </summary>
    private static readonly SemaphoreSlim SqliteWriter = new(1, 1);

    private static async Task<AnswerResult> OneWriterAsync(TouchpointDb db, Func<Task<AnswerResult>> work, CancellationToken ct)
    {
        if (db.Provider != StoreProvider.Sqlite) return await work();
        await SqliteWriter.WaitAsync(ct);
        try { return await work(); }
        finally { SqliteWriter.Release(); }
    }

    private static async Task<AnswerResult> SubmitTokenAsync(TouchpointDb db, ClosedLoop loop, string token, IReadOnlyDictionary<string, SurveyAnswerValue> answers,
        string? language, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return new(AnswerFailure.NotFound);
        var inv = await db.SurveyInvitations.FirstOrDefaultAsync(i => i.Token == token, ct);
        if (inv is null) return new(AnswerFailure.NotFound);
        return await SubmitAsync(db, loop, inv, answers, language, now, ct);
    }

    /// <summary>Answers through a survey's anonymous link: the first submission issues a token for the rest of the visit.</summary>
    public static Task<AnswerResult> SubmitAnonymousAsync(TouchpointDb db, ClosedLoop loop, long surveyId, IReadOnlyDictionary<string, SurveyAnswerValue> answers,
        string? language, DateTimeOffset now, CancellationToken ct) => OneWriterAsync(db, () => SubmitAnonymousCoreAsync(db, loop, surveyId, answers, language, now, ct), ct);

    private static async Task<AnswerResult> SubmitAnonymousCoreAsync(TouchpointDb db, ClosedLoop loop, long surveyId, IReadOnlyDictionary<string, SurveyAnswerValue> answers,
        string? language, DateTimeOffset now, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == surveyId && s.AllowAnonymous, ct);
        if (survey is null) return new(AnswerFailure.NotFound);
        if (survey.Status != SurveyStatus.Live) return Closed(survey);
        var inv = new SurveyInvitation
        {
            SurveyId = surveyId, Token = NewToken(), Channel = "link", Status = InvitationStatus.Sent,
            CreatedAtUtc = now.UtcDateTime, DueAtUtc = now.UtcDateTime, SentAtUtc = now.UtcDateTime,
        };
        // Validated before the invitation is stored, so refused submissions leave nothing behind.
        var def = SurveyDefinition.FromJson(survey.DefinitionJson, survey.Kind, survey.Question);
        if (Validate(def, [], answers, language) is { } refused) return refused;
        db.SurveyInvitations.Add(inv);
        await db.SaveChangesAsync(ct);
        return await SubmitAsync(db, loop, inv, answers, language, now, ct);
    }

    /// <summary>
    /// Answers through the in-page widget: the survey must be live and public (AllowAnonymous); the visitor's first
    /// valid submission makes a "widget" invitation with the visitor's token, later ones follow the token rule.
    /// </summary>
    public static Task<AnswerResult> SubmitWidgetAsync(TouchpointDb db, ClosedLoop loop, long surveyId, string visitor, long? customerId,
        IReadOnlyDictionary<string, SurveyAnswerValue> answers, string? language, DateTimeOffset now, CancellationToken ct) =>
        OneWriterAsync(db, () => SubmitWidgetCoreAsync(db, loop, surveyId, visitor, customerId, answers, language, now, ct), ct);

    private static async Task<AnswerResult> SubmitWidgetCoreAsync(TouchpointDb db, ClosedLoop loop, long surveyId, string visitor, long? customerId,
        IReadOnlyDictionary<string, SurveyAnswerValue> answers, string? language, DateTimeOffset now, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == surveyId && s.AllowAnonymous, ct);
        if (survey is null) return new(AnswerFailure.NotFound);
        if (survey.Status != SurveyStatus.Live) return Closed(survey);
        var token = WidgetIdentity.Token(surveyId, visitor);
        var inv = await db.SurveyInvitations.FirstOrDefaultAsync(i => i.Token == token, ct);
        if (inv is null)
        {
            var def = SurveyDefinition.FromJson(survey.DefinitionJson, survey.Kind, survey.Question);
            if (Validate(def, [], answers, language) is { } refused) return refused;
            var at = now.UtcDateTime;
            inv = new SurveyInvitation
            {
                SurveyId = surveyId, CustomerId = customerId, Token = token, Channel = "widget", Status = InvitationStatus.Sent,
                CreatedAtUtc = at, DueAtUtc = at, SentAtUtc = at, DeliveredAtUtc = at, OpenedAtUtc = at,
            };
            db.SurveyInvitations.Add(inv);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                // The same visitor's other tab got there first (unique token): continue on its invitation.
                db.ChangeTracker.Clear();
                inv = await db.SurveyInvitations.FirstAsync(i => i.Token == token, ct);
            }
        }
        return await SubmitAsync(db, loop, inv, answers, language, now, ct);
    }

    private static AnswerResult Closed(Survey s) => new(AnswerFailure.Closed, Field: "surveyId",
        Message: s.Status == SurveyStatus.Draft ? "this survey is not open yet" : "this survey is closed and takes no more answers");

    private static async Task<AnswerResult> SubmitAsync(TouchpointDb db, ClosedLoop loop, SurveyInvitation inv, IReadOnlyDictionary<string, SurveyAnswerValue> answers,
        string? language, DateTimeOffset now, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstAsync(s => s.Id == inv.SurveyId, ct);
        if (survey.Status != SurveyStatus.Live) return Closed(survey);
        var response = await db.SurveyResponses.FirstOrDefaultAsync(r => r.Token == inv.Token, ct);
        if (response?.CompletedAtUtc is not null)
            return new(AnswerFailure.AlreadyCompleted, response, Token: inv.Token, Field: "token", Message: "this survey was already answered with this link; thank you");
        var def = await SurveyEditor.DefinitionAsync(db, survey, response?.SurveyVersion ?? survey.Version, ct);
        var merged = ReadAnswers(response?.AnswersJson);
        if (Validate(def, merged, answers, language) is { } refused) return refused;
        foreach (var (id, a) in answers) merged[id] = a with { Text = a.Text?.Trim() };
        merged = SurveyFlow.Clean(def, merged);
        var (score, comment) = SurveyFlow.Summary(def, merged);
        var lang = language is { } l && def.Languages.Contains(l) ? l : def.DefaultLanguage;

        var isNew = response is null;
        inv.OpenedAtUtc ??= now.UtcDateTime;
        response ??= new SurveyResponse
        {
            SurveyId = survey.Id, CustomerId = inv.CustomerId, Channel = inv.Channel, TicketId = inv.TicketId, Touchpoint = inv.Touchpoint,
            Token = inv.Token, InvitationId = inv.Id, SurveyVersion = survey.Version,
        };
        response.AnswersJson = JsonSerializer.Serialize(merged, SurveyDefinition.Json);
        response.Score = score;
        response.Comment = comment;
        response.Language = lang;
        response.AnsweredAtUtc = now.UtcDateTime;
        response.OffsetMinutes = (short)now.Offset.TotalMinutes;
        var next = SurveyFlow.Current(def, merged);
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (isNew) db.SurveyResponses.Add(response);
        if (next is null)
        {
            response.CompletedAtUtc = now.UtcDateTime;
            inv.Status = InvitationStatus.Answered;
        }
        await db.SaveChangesAsync(ct);
        if (inv.ResponseId is null) inv.ResponseId = response.Id;
        if (next is null)
        {
            // The answer becomes a touchpoint once, when it is complete (the timeline shows the final score).
            TouchpointRecorder.SurveyAnswered(db, response, "voice");
            await loop.EvaluateAsync(db, survey, response, now.UtcDateTime, ct);
        }
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return new(AnswerFailure.None, response, next, inv.Token);
    }

    /// <summary>Every submitted answer must name a question of this version and be valid for it; reasons name the question.</summary>
    private static AnswerResult? Validate(SurveyDefinition def, Dictionary<string, SurveyAnswerValue> stored, IReadOnlyDictionary<string, SurveyAnswerValue> answers, string? language)
    {
        if (answers.Count == 0) return new(AnswerFailure.Invalid, Field: "answers", Message: "no answer was given");
        if (language is { Length: > 20 }) return new(AnswerFailure.Invalid, Field: "language", Message: "is not a language code");
        foreach (var (id, a) in answers)
        {
            var q = def.Find(id);
            if (q is null) return new(AnswerFailure.Invalid, Field: $"answers.{id}", Message: $"this survey has no question '{id}'");
            if (SurveyFlow.Check(q, a, language ?? def.DefaultLanguage) is { } why) return new(AnswerFailure.Invalid, Field: $"answers.{id}", Message: why);
        }
        // Answers must follow the flow: a question is answerable once the answers before it lead to it.
        var all = new Dictionary<string, SurveyAnswerValue>(stored);
        foreach (var (id, a) in answers) all[id] = a;
        var path = SurveyFlow.Path(def, all).Select(q => q.Id).ToHashSet();
        if (answers.Keys.FirstOrDefault(k => !path.Contains(k)) is { } off)
            return new(AnswerFailure.Invalid, Field: $"answers.{off}", Message: $"question '{off}' is not asked after the answers given so far");
        return null;
    }

    /// <summary>Records that the invitation's customer wants no more surveys; anonymous links have no one to unsubscribe.</summary>
    public static async Task<bool> UnsubscribeAsync(TouchpointDb db, string token, DateTime nowUtc, CancellationToken ct)
    {
        var inv = await db.SurveyInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.Token == token, ct);
        if (inv?.CustomerId is not { } customer) return false;
        if (!await db.VoiceUnsubscribes.AnyAsync(u => u.CustomerId == customer, ct))
        {
            db.VoiceUnsubscribes.Add(new VoiceUnsubscribe { CustomerId = customer, AtUtc = nowUtc, Source = "survey-link" });
            await db.SaveChangesAsync(ct);
        }
        return true;
    }
}
