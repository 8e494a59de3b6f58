using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

/// <summary>The outcome of a change to a survey: the survey, or the problems by field; Conflict marks a state refusal.</summary>
public sealed record SurveyChange(Survey? Survey, IReadOnlyList<DefinitionError> Errors, bool NotFound = false, bool Conflict = false)
{
    public bool Succeeded => Survey is not null && Errors.Count == 0;
}

/// <summary>
/// Creates, edits, publishes and closes surveys. The versioning rule: a draft's definition is edited in place (no
/// one has answered it); editing a live survey freezes nothing that exists and adds version N+1, which new answers
/// take; answers keep the version they answered (survey_responses.survey_version → survey_versions). A closed survey
/// is not edited: reopen it (publish) first.
/// </summary>
public static class SurveyEditor
{
    public const int MaxNameLength = 200;

    public static async Task<SurveyChange> CreateAsync(TouchpointDb db, string? name, SurveyDefinition? def, bool allowAnonymous, DateTime nowUtc, CancellationToken ct)
    {
        var errors = Check(name, def);
        if (errors.Count > 0) return new(null, errors);
        var s = new Survey { Name = name!.Trim(), Status = SurveyStatus.Draft, CreatedAtUtc = nowUtc, Version = 1, AllowAnonymous = allowAnonymous };
        Apply(s, def!);
        db.Surveys.Add(s);
        await db.SaveChangesAsync(ct);
        db.SurveyVersions.Add(new SurveyVersion { SurveyId = s.Id, Version = 1, DefinitionJson = s.DefinitionJson, CreatedAtUtc = nowUtc });
        await db.SaveChangesAsync(ct);
        return new(s, []);
    }

    public static async Task<SurveyChange> UpdateAsync(TouchpointDb db, long id, string? name, SurveyDefinition? def, bool? allowAnonymous, DateTime nowUtc, CancellationToken ct)
    {
        var s = await db.Surveys.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return new(null, [], NotFound: true);
        if (s.Status == SurveyStatus.Closed) return new(null, [new("status", "the survey is closed; publish it again before editing")], Conflict: true);
        var errors = Check(name, def);
        if (errors.Count > 0) return new(null, errors);
        if (def!.Kind != s.Kind && s.Status == SurveyStatus.Live)
            return new(null, [new("questions", $"a live {s.Kind.ToString().ToUpperInvariant()} survey keeps its headline scale; make a new survey for {def.Kind.ToString().ToUpperInvariant()}")]);
        s.Name = name!.Trim();
        if (allowAnonymous is { } a) s.AllowAnonymous = a;
        var json = def.ToJson();
        if (json != s.DefinitionJson)
        {
            Apply(s, def);
            if (s.Status == SurveyStatus.Draft)
            {
                var v = await db.SurveyVersions.FirstOrDefaultAsync(x => x.SurveyId == id && x.Version == s.Version, ct);
                if (v is null) db.SurveyVersions.Add(new SurveyVersion { SurveyId = id, Version = s.Version, DefinitionJson = json, CreatedAtUtc = nowUtc });
                else v.DefinitionJson = json;
            }
            else
            {
                await EnsureVersionRowAsync(db, s, ct); // legacy surveys: keep the definition earlier answers saw
                s.Version++;
                db.SurveyVersions.Add(new SurveyVersion { SurveyId = id, Version = s.Version, DefinitionJson = json, CreatedAtUtc = nowUtc });
            }
        }
        await db.SaveChangesAsync(ct);
        return new(s, []);
    }

    public static async Task<SurveyChange> PublishAsync(TouchpointDb db, long id, DateTime nowUtc, CancellationToken ct)
    {
        var s = await db.Surveys.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return new(null, [], NotFound: true);
        if (s.Status == SurveyStatus.Live) return new(s, []);
        var def = SurveyDefinition.FromJson(s.DefinitionJson, s.Kind, s.Question);
        var errors = SurveyDefinitionValidator.Validate(def);
        if (errors.Count > 0) return new(null, errors.Select(e => e with { Field = "definition." + e.Field }).ToList());
        s.Status = SurveyStatus.Live;
        s.PublishedAtUtc ??= nowUtc;
        s.ClosedAtUtc = null;
        await db.SaveChangesAsync(ct);
        return new(s, []);
    }

    public static async Task<SurveyChange> CloseAsync(TouchpointDb db, long id, DateTime nowUtc, CancellationToken ct)
    {
        var s = await db.Surveys.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return new(null, [], NotFound: true);
        if (s.Status == SurveyStatus.Draft) return new(null, [new("status", "a draft cannot be closed; it has not been published")], Conflict: true);
        s.Status = SurveyStatus.Closed;
        s.ClosedAtUtc ??= nowUtc;
        await db.SaveChangesAsync(ct);
        return new(s, []);
    }

    /// <summary>The definition of one version of a survey, the one its answers of that version were given to.</summary>
    public static async Task<SurveyDefinition> DefinitionAsync(TouchpointDb db, Survey s, int version, CancellationToken ct)
    {
        if (version == s.Version) return SurveyDefinition.FromJson(s.DefinitionJson, s.Kind, s.Question);
        var json = await db.SurveyVersions.AsNoTracking().Where(v => v.SurveyId == s.Id && v.Version == version).Select(v => v.DefinitionJson).FirstOrDefaultAsync(ct);
        return SurveyDefinition.FromJson(json ?? s.DefinitionJson, s.Kind, s.Question);
    }

    private static async Task EnsureVersionRowAsync(TouchpointDb db, Survey s, CancellationToken ct)
    {
        if (await db.SurveyVersions.AnyAsync(v => v.SurveyId == s.Id && v.Version == s.Version, ct)) return;
        var old = await db.Surveys.AsNoTracking().Where(x => x.Id == s.Id).Select(x => new { x.DefinitionJson, x.Kind, x.Question }).FirstAsync(ct);
        db.SurveyVersions.Add(new SurveyVersion
        {
            SurveyId = s.Id, Version = s.Version, CreatedAtUtc = s.CreatedAtUtc,
            DefinitionJson = SurveyDefinition.FromJson(old.DefinitionJson, old.Kind, old.Question).ToJson(),
        });
    }

    private static void Apply(Survey s, SurveyDefinition def)
    {
        s.DefinitionJson = def.ToJson();
        s.Kind = def.Kind;
        var headline = def.Headline ?? def.Questions[0];
        s.Question = headline.TextIn(def.DefaultLanguage, def.DefaultLanguage);
    }

    private static List<DefinitionError> Check(string? name, SurveyDefinition? def)
    {
        var errors = new List<DefinitionError>();
        if (string.IsNullOrWhiteSpace(name)) errors.Add(new("name", "is required"));
        else if (name.Trim().Length > MaxNameLength) errors.Add(new("name", $"is longer than {MaxNameLength} characters"));
        if (def is null) errors.Add(new("definition", "is required"));
        else errors.AddRange(SurveyDefinitionValidator.Validate(def).Select(e => e with { Field = "definition." + e.Field }));
        return errors;
    }
}
