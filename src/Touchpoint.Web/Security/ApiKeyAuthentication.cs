using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Access;

namespace Touchpoint.Web.Security;

/// <summary>
/// Authenticates API calls by key: "Authorization: Bearer tp_..." or "X-Api-Key: tp_...". The key's SHA-256 is
/// looked up; a revoked or unknown key fails with 401 and the same message, so keys cannot be probed.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TouchpointDbFactory dbFactory, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "tp:api_key_id";

    public static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var k) && !string.IsNullOrWhiteSpace(k)) return k.ToString().Trim();
        var auth = request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadKey(Request);
        if (secret is null) return AuthenticateResult.NoResult();
        var hash = ApiKey.Hash(secret);
        await using var db = dbFactory.Create();
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.SecretHash == hash, Context.RequestAborted);
        if (key is null || key.RevokedAtUtc is not null) return AuthenticateResult.Fail("Invalid or revoked API key.");
        var now = clock.GetUtcNow().UtcDateTime;
        // Last use is kept to the minute: enough to spot unused keys, without a write per request.
        if (key.LastUsedAtUtc is null || now - key.LastUsedAtUtc > TimeSpan.FromMinutes(1))
        {
            key.LastUsedAtUtc = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "apikey:" + key.Id),
            new Claim(ClaimTypes.Name, "API key " + key.Name),
            new Claim(ClaimTypes.Role, key.Role),
            new Claim(KeyIdClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"touchpoint\"";
        return Task.CompletedTask;
    }
}
