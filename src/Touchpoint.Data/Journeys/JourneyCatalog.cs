using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;
using Touchpoint.Domain.Journeys.Maps;

namespace Touchpoint.Data.Journeys;

/// <summary>A journey with the definition of one of its versions.</summary>
public sealed record SavedJourney(long Id, string Name, string? TemplateKey, int Version, int LatestVersion, DateTime SavedAtUtc, string SavedBy, JourneyDefinition Definition);

/// <summary>
/// Reads and saves journey definitions. Saving checks <see cref="JourneyRules"/> against the installation's teams
/// first and then adds a version in one transaction, so a rejected edit leaves the current version as it was.
/// </summary>
public static class JourneyCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ToJson(JourneyDefinition d) => JsonSerializer.Serialize(d, Json);

    public static JourneyDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<JourneyDefinition>(json, Json) ?? throw new InvalidDataException("Empty journey definition.");

    public static async Task<IReadOnlyList<SavedJourney>> ListAsync(TouchpointDb db, CancellationToken ct)
    {
        var rows = await (from j in db.Journeys.AsNoTracking()
                          join v in db.JourneyVersions.AsNoTracking() on new { j.Id, V = j.LatestVersion } equals new { Id = v.JourneyId, V = v.Version }
                          orderby j.Name
                          select new { j, v }).ToListAsync(ct);
        return rows.Select(r => Saved(r.j, r.v)).ToList();
    }

    /// <summary>
    /// The journey an analysis is asked about: the one with <paramref name="journeyId"/>, or the first defined (lowest
    /// id) when none is named; null when there is no such journey.
    /// </summary>
    public static async Task<SavedJourney?> GivenOrFirstAsync(TouchpointDb db, long? journeyId, CancellationToken ct)
    {
        var journeys = await ListAsync(db, ct);
        return journeyId is { } id ? journeys.FirstOrDefault(j => j.Id == id) : journeys.OrderBy(j => j.Id).FirstOrDefault();
    }

    /// <summary>The journey at the given version, or its latest; null when either does not exist.</summary>
    public static async Task<SavedJourney?> GetAsync(TouchpointDb db, long id, int? version, CancellationToken ct)
    {
        var j = await db.Journeys.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (j is null) return null;
        var want = version ?? j.LatestVersion;
        var v = await db.JourneyVersions.AsNoTracking().FirstOrDefaultAsync(x => x.JourneyId == id && x.Version == want, ct);
        return v is null ? null : Saved(j, v);
    }

    public static async Task<SavedJourney?> FindByNameAsync(TouchpointDb db, string name, CancellationToken ct)
    {
        var id = await db.Journeys.Where(j => j.Name == name).Select(j => (long?)j.Id).FirstOrDefaultAsync(ct);
        return id is { } x ? await GetAsync(db, x, null, ct) : null;
    }

    public static async Task<IReadOnlyList<(int Version, DateTime SavedAtUtc, string SavedBy)>> VersionsAsync(TouchpointDb db, long id, CancellationToken ct) =>
        (await db.JourneyVersions.AsNoTracking().Where(v => v.JourneyId == id).OrderByDescending(v => v.Version)
            .Select(v => new { v.Version, v.SavedAtUtc, v.SavedBy }).ToListAsync(ct))
        .Select(v => (v.Version, v.SavedAtUtc, v.SavedBy)).ToList();

    /// <summary>
    /// Creates a journey (<paramref name="id"/> null) or adds a version to one. Returns the saved journey, or the
    /// field errors and nothing stored. A missing journey id gives (null, []) so the caller can answer 404.
    /// </summary>
    public static async Task<(SavedJourney? Saved, IReadOnlyList<FieldError> Errors)> SaveAsync(
        TouchpointDb db, long? id, JourneyDefinition d, string? templateKey, string savedBy, DateTime nowUtc, CancellationToken ct)
    {
        var teams = (await db.Teams.Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        var errors = JourneyRules.Validate(d, teams).ToList();
        var name = d.Name.Trim();
        if (name.Length > 0 && await db.Journeys.AnyAsync(j => j.Name == name && j.Id != (id ?? 0), ct))
            errors.Add(new FieldError("name", $"another journey is called '{name}'"));
        if (templateKey is not null && JourneyTemplates.Find(templateKey) is null)
            errors.Add(new FieldError("templateKey", $"no template '{templateKey}' (templates: {string.Join(", ", JourneyTemplates.All.Select(t => t.Key))})"));

        Journey? journey = null;
        if (id is { } existing)
        {
            journey = await db.Journeys.FirstOrDefaultAsync(j => j.Id == existing, ct);
            if (journey is null) return (null, []);
        }
        if (errors.Count > 0) return (null, errors);

        d = d with { Name = name, Description = d.Description.Trim() };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (journey is null)
        {
            journey = new Journey { Name = name, TemplateKey = templateKey, CreatedAtUtc = nowUtc };
            db.Journeys.Add(journey);
        }
        journey.Name = name;
        journey.LatestVersion++;
        journey.UpdatedAtUtc = nowUtc;
        await db.SaveChangesAsync(ct);
        var version = new JourneyVersion { JourneyId = journey.Id, Version = journey.LatestVersion, DefinitionJson = ToJson(d), SavedBy = savedBy, SavedAtUtc = nowUtc };
        db.JourneyVersions.Add(version);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (Saved(journey, version), []);
    }

    private static SavedJourney Saved(Journey j, JourneyVersion v) =>
        new(j.Id, j.Name, j.TemplateKey, v.Version, j.LatestVersion, v.SavedAtUtc, v.SavedBy, FromJson(v.DefinitionJson));
}
