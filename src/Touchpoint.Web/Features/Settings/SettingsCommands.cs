using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Access;
using Touchpoint.Data.Store;

namespace Touchpoint.Web.Features.Settings;

/// <summary>
/// The Settings pages' reads and changes. Each runs in its own service scope: an interactive page lives as long as
/// the browser tab, and a context or UserManager kept that long would serve stale, tracked rows.
/// </summary>
public static class SettingsCommands
{
    public static async Task<T> InScopeAsync<T>(IServiceScopeFactory scopes, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public static Task<List<UserDto>> UsersAsync(IServiceScopeFactory scopes) => InScopeAsync(scopes, async sp =>
        (await UsersApi.List(sp.GetRequiredService<UserManager<AppUser>>(), sp.GetRequiredService<TimeProvider>(), CancellationToken.None)).Value!);

    public static Task<ApiOutcome<UserDto>> CreateUserAsync(IServiceScopeFactory scopes, UserInput input) => InScopeAsync(scopes, async sp =>
        ApiOutcome.Read<UserDto>(await UsersApi.Create(sp.GetRequiredService<UserManager<AppUser>>(), sp.GetRequiredService<TimeProvider>(), input)));

    public static Task<ApiOutcome<UserDto>> ChangeUserAsync(IServiceScopeFactory scopes, ClaimsPrincipal me, long id, UserChange change) => InScopeAsync(scopes, async sp =>
        ApiOutcome.Read<UserDto>(await UsersApi.Change(sp.GetRequiredService<UserManager<AppUser>>(), sp.GetRequiredService<TimeProvider>(), me, id, change)));

    /// <summary>Ends a lockout after too many failed sign-ins (the API has no verb for it; setting a password also unlocks).</summary>
    public static Task<bool> UnlockAsync(IServiceScopeFactory scopes, long id) => InScopeAsync(scopes, async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null) return false;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return true;
    });

    public static Task<List<TeamDto>> TeamsAsync(IServiceScopeFactory scopes) => InScopeAsync(scopes, async sp =>
        (await TeamsApi.List(sp.GetRequiredService<TouchpointDb>(), CancellationToken.None)).Value!);

    public static Task<ApiOutcome<TeamDto>> CreateTeamAsync(IServiceScopeFactory scopes, TeamInput input) => InScopeAsync(scopes, async sp =>
        ApiOutcome.Read<TeamDto>(await TeamsApi.Create(sp.GetRequiredService<TouchpointDb>(), sp.GetRequiredService<TimeProvider>(), input, CancellationToken.None)));

    public static Task<ApiOutcome<TeamDto>> UpdateTeamAsync(IServiceScopeFactory scopes, long id, TeamInput input) => InScopeAsync(scopes, async sp =>
        ApiOutcome.Read<TeamDto>(await TeamsApi.Update(sp.GetRequiredService<TouchpointDb>(), id, input, CancellationToken.None)));

    public static Task<List<ApiKeyDto>> ApiKeysAsync(IServiceScopeFactory scopes) => InScopeAsync(scopes, async sp =>
        (await ApiKeysApi.List(sp.GetRequiredService<TouchpointDb>(), CancellationToken.None)).Value!);

    public static Task<ApiOutcome<NewApiKey>> CreateApiKeyAsync(IServiceScopeFactory scopes, ClaimsPrincipal me, ApiKeyInput input) => InScopeAsync(scopes, async sp =>
        ApiOutcome.Read<NewApiKey>(await ApiKeysApi.Create(sp.GetRequiredService<TouchpointDb>(), sp.GetRequiredService<TimeProvider>(), me, input, CancellationToken.None)));

    public static Task<ApiOutcome<ApiKeyDto>> RevokeApiKeyAsync(IServiceScopeFactory scopes, long id) => InScopeAsync(scopes, async sp =>
        ApiOutcome.Read<ApiKeyDto>(await ApiKeysApi.Revoke(sp.GetRequiredService<TouchpointDb>(), sp.GetRequiredService<TimeProvider>(), id, CancellationToken.None)));

    /// <summary>Team names by user id, for the Users page.</summary>
    public static Task<Dictionary<long, List<string>>> TeamsByUserAsync(IServiceScopeFactory scopes) => InScopeAsync(scopes, async sp =>
    {
        var db = sp.GetRequiredService<TouchpointDb>();
        var rows = await db.TeamMembers.AsNoTracking().Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { m.UserId, t.Name }).ToListAsync();
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name).Order().ToList());
    });
}
