using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys.Intake;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Journeys.Snippet;

public sealed record SiteKeyDto(long Id, string Name, string Key, IReadOnlyList<string> AllowedOrigins, string CreatedBy, DateTime CreatedAt, DateTime? RevokedAt, string Snippet);

public sealed record SiteKeyInput(string? Name, IReadOnlyList<string>? AllowedOrigins);

/// <summary>/api/v1/site-keys: the publishable keys of the web snippet, each limited to its origins; revocable.</summary>
public static class SiteKeysApi
{
    public const int MaxOrigins = 20;

    public static RouteGroupBuilder MapSiteKeysApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/site-keys").WithTags("Snippet").RequireAuthorization(Policies.Admin);
        g.MapGet("/", List);
        g.MapPost("/", Create);
        g.MapDelete("/{id:long}", Revoke);
        return g;
    }

    /// <summary>The one tag a page needs; the script comes from this installation, so the page sends here.</summary>
    public static string SnippetTag(string baseUrl, string key) => $"<script async src=\"{baseUrl.TrimEnd('/')}/t.js\" data-key=\"{key}\"></script>";

    public static SiteKeyDto ToDto(SiteKey k, string baseUrl) =>
        new(k.Id, k.Name, k.Key, k.Origins, k.CreatedBy, k.CreatedAtUtc, k.RevokedAtUtc, SnippetTag(baseUrl, k.Key));

    public static Task<Ok<List<SiteKeyDto>>> List(HttpRequest request, TouchpointDb db, CancellationToken ct) => ListAsync(db, BaseUrl(request), ct);

    public static async Task<Ok<List<SiteKeyDto>>> ListAsync(TouchpointDb db, string baseUrl, CancellationToken ct) =>
        TypedResults.Ok((await db.SiteKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct)).Select(k => ToDto(k, baseUrl)).ToList());

    public static Task<Results<Created<SiteKeyDto>, ValidationProblem>> Create(HttpRequest request, TouchpointDb db, TimeProvider clock, ClaimsPrincipal user,
        SiteKeyInput input, CancellationToken ct) => CreateAsync(db, clock, user, input, BaseUrl(request), ct);

    /// <summary>The handler's work with the base URL given, so the settings page (which has no request) calls the same rules.</summary>
    public static async Task<Results<Created<SiteKeyDto>, ValidationProblem>> CreateAsync(TouchpointDb db, TimeProvider clock, ClaimsPrincipal user,
        SiteKeyInput input, string baseUrl, CancellationToken ct)
    {
        var (origins, errors) = Validate(input);
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        var key = new SiteKey
        {
            Name = input.Name!.Trim(), Key = SiteKey.NewKey(), AllowedOrigins = string.Join(' ', origins),
            CreatedBy = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown", CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.SiteKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/site-keys/{key.Id}", ToDto(key, baseUrl));
    }

    public static Task<Results<Ok<SiteKeyDto>, NotFound>> Revoke(HttpRequest request, TouchpointDb db, TimeProvider clock, long id, CancellationToken ct) =>
        RevokeAsync(db, clock, id, BaseUrl(request), ct);

    public static async Task<Results<Ok<SiteKeyDto>, NotFound>> RevokeAsync(TouchpointDb db, TimeProvider clock, long id, string baseUrl, CancellationToken ct)
    {
        var key = await db.SiteKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return TypedResults.NotFound();
        key.RevokedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(key, baseUrl));
    }

    /// <summary>
    /// Origins are what a browser puts in its Origin header: scheme, host and port, nothing else. Anything with a
    /// path, query or wildcard is refused rather than guessed at, because a key that matches too much is a key anyone can use.
    /// </summary>
    public static (List<string> Origins, List<(string, string)> Errors) Validate(SiteKeyInput input)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add(("name", "is required"));
        else if (input.Name.Trim().Length > 100) errors.Add(("name", "is longer than 100 characters"));
        var origins = new List<string>();
        var given = input.AllowedOrigins ?? [];
        if (given.Count == 0) errors.Add(("allowedOrigins", "list at least one origin such as https://shop.example.com"));
        if (given.Count > MaxOrigins) errors.Add(("allowedOrigins", $"at most {MaxOrigins} origins"));
        for (var i = 0; i < given.Count; i++)
        {
            var o = given[i]?.Trim() ?? "";
            if (Uri.TryCreate(o, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && u.AbsolutePath == "/" && u.Query.Length == 0
                && u.Fragment.Length == 0 && u.UserInfo.Length == 0 && !o.Contains('*'))
                origins.Add(u.GetLeftPart(UriPartial.Authority).ToLowerInvariant());
            else errors.Add(($"allowedOrigins[{i}]", "must be an origin: http(s)://host[:port], with no path or wildcard"));
        }
        return (origins.Distinct().ToList(), errors);
    }

    private static string BaseUrl(HttpRequest r) => $"{r.Scheme}://{r.Host}{r.PathBase}";
}
