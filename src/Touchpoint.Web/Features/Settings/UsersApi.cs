using System.Net.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Access;
using Touchpoint.Domain.Access;
using Touchpoint.Web.Api;
using Touchpoint.Web.Security;

namespace Touchpoint.Web.Features.Settings;

public sealed record UserDto(long Id, string Email, string DisplayName, string Role, bool IsActive, bool IsLockedOut, DateTime CreatedAt);

public sealed record UserInput
{
    public string? Email { get; init; }
    public string? DisplayName { get; init; }
    public string? Role { get; init; }
    public string? Password { get; init; }
}

public sealed record UserChange
{
    public string? DisplayName { get; init; }
    public string? Role { get; init; }
    public bool? IsActive { get; init; }
    public string? Password { get; init; }
}

/// <summary>/api/v1/users: admins manage who can sign in and with which role.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/users").WithTags("Settings").RequireAuthorization(Policies.Admin);
        g.MapGet("/", List);
        g.MapPost("/", Create);
        g.MapPatch("/{id:long}", Change);
        return g;
    }

    public static UserDto ToDto(AppUser u, DateTimeOffset now) =>
        new(u.Id, u.Email ?? "", u.DisplayName, u.Role, u.IsActive, u.LockoutEnd is { } end && end > now, u.CreatedAtUtc);

    public static async Task<Ok<List<UserDto>>> List(UserManager<AppUser> users, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct);
        return TypedResults.Ok(all.Select(u => ToDto(u, now)).ToList());
    }

    public static async Task<Results<Created<UserDto>, ValidationProblem>> Create(UserManager<AppUser> users, TimeProvider clock, UserInput input)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(input.Email) || !MailAddress.TryCreate(input.Email.Trim(), out _)) errors.Add(("email", "a valid email address is required"));
        if (!Roles.IsKnown(input.Role)) errors.Add(("role", "must be one of " + string.Join(", ", Roles.All)));
        if (string.IsNullOrEmpty(input.Password)) errors.Add(("password", "is required"));
        if (errors.Count > 0) return Validation.Problem(errors.ToArray());
        var email = input.Email!.Trim();
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName?.Trim() ?? email,
            Role = input.Role!, CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, input.Password!);
        if (!result.Succeeded) return Validation.Problem(IdentityErrors(result));
        return TypedResults.Created($"/api/v1/users/{user.Id}", ToDto(user, clock.GetUtcNow()));
    }

    public static async Task<Results<Ok<UserDto>, NotFound, ValidationProblem>> Change(
        UserManager<AppUser> users, TimeProvider clock, System.Security.Claims.ClaimsPrincipal me, long id, UserChange input)
    {
        var user = await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null) return TypedResults.NotFound();
        var self = users.GetUserId(me) == user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (input.Role is not null && !Roles.IsKnown(input.Role)) return Validation.Problem(("role", "must be one of " + string.Join(", ", Roles.All)));
        // An admin cannot lock themself out: someone must always be able to administer.
        if (self && (input.IsActive == false || (input.Role is not null && input.Role != Roles.Admin)))
            return Validation.Problem(("role", "you cannot demote or deactivate your own account"));
        if (input.DisplayName is not null) user.DisplayName = input.DisplayName.Trim();
        if (input.Role is not null) user.Role = input.Role;
        if (input.IsActive is { } active) user.IsActive = active;
        if (input.Password is not null)
        {
            var check = await ValidatePasswordAsync(users, user, input.Password);
            if (check is not null) return check;
            await users.RemovePasswordAsync(user);
            await users.AddPasswordAsync(user, input.Password);
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
        // A new security stamp signs the user out everywhere, so a role change or deactivation takes effect.
        await users.UpdateSecurityStampAsync(user);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) return Validation.Problem(IdentityErrors(result));
        return TypedResults.Ok(ToDto(user, clock.GetUtcNow()));
    }

    private static async Task<ValidationProblem?> ValidatePasswordAsync(UserManager<AppUser> users, AppUser user, string password)
    {
        foreach (var v in users.PasswordValidators)
        {
            var r = await v.ValidateAsync(users, user, password);
            if (!r.Succeeded) return Validation.Problem(IdentityErrors(r));
        }
        return null;
    }

    internal static (string, string)[] IdentityErrors(IdentityResult r) =>
        r.Errors.Select(e => (e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : "user", e.Description)).ToArray();
}
