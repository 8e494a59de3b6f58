using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Touchpoint.Data.Access;
using Touchpoint.Data.Store;

namespace Touchpoint.Web.Security;

public static class SecurityRegistration
{
    /// <summary>Name of the rate limiter on the login form and other anonymous entry points.</summary>
    public const string LoginLimiter = "login";

    public static IServiceCollection AddTouchpointSecurity(this IServiceCollection services, int loginAttemptsPerMinute = 20)
    {
        const string smart = "cookie-or-key";
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = smart;
                o.DefaultChallengeScheme = smart;
            })
            .AddPolicyScheme(smart, "Cookie or API key", o => o.ForwardDefaultSelector = ctx =>
                ApiKeyAuthenticationHandler.ReadKey(ctx.Request) is not null ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "touchpoint.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/forbidden";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // API callers get status codes, people get the login page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<AppUser>(IdentityRules.Configure)
            .AddEntityFrameworkStores<TouchpointDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthorization(Policies.Configure);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                // People on the public survey page get a sentence, API callers a problem document.
                var path = ctx.HttpContext.Request.Path;
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                if (path.StartsWithSegments("/api") || path.StartsWithSegments("/chat"))
                {
                    ctx.HttpContext.Response.ContentType = "application/problem+json";
                    await ctx.HttpContext.Response.WriteAsync("{\"type\":\"https://tools.ietf.org/html/rfc6585#section-4\",\"title\":\"Too many requests\",\"status\":429,\"detail\":\"Too many requests from this address; wait a minute.\"}", ct);
                }
                else if (path.StartsWithSegments("/s"))
                {
                    ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                    await ctx.HttpContext.Response.WriteAsync("Too many answers from this address. Please wait a minute and try again.", ct);
                }
            };
            o.AddPolicy(LoginLimiter, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = loginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        var isPage = ctx.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Api.ApiReferencePage>() is not null;
        if (!isPage && (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/openapi")))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
