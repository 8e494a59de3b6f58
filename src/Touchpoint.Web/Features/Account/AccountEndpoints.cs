using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Touchpoint.Data.Access;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Account;

/// <summary>
/// Sign-in and sign-out as plain form posts (a cookie cannot be set from an interactive circuit). Antiforgery is
/// checked by the framework for form-bound endpoints; attempts are rate limited per address and locked out per user.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", Login).AllowAnonymous().RequireRateLimiting(SecurityRegistration.LoginLimiter).ExcludeFromDescription();
        app.MapPost("/account/logout", Logout).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Login(SignInManager<AppUser> signIn, UserManager<AppUser> users,
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var back = SafeReturn(returnUrl);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            return Results.Redirect($"/login?error=missing&returnUrl={Uri.EscapeDataString(back)}");
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || !user.IsActive)
            return Results.Redirect($"/login?error=invalid&returnUrl={Uri.EscapeDataString(back)}");
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true);
        if (result.IsLockedOut) return Results.Redirect($"/login?error=locked&returnUrl={Uri.EscapeDataString(back)}");
        if (!result.Succeeded) return Results.Redirect($"/login?error=invalid&returnUrl={Uri.EscapeDataString(back)}");
        return Results.LocalRedirect(back);
    }

    private static async Task<IResult> Logout(SignInManager<AppUser> signIn, [FromForm] string? unused)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/login");
    }

    /// <summary>Only local paths are followed after login, so the form cannot be used as an open redirect.</summary>
    internal static string SafeReturn(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
}
