using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Web.Features.Service;
using Touchpoint.Web.Features.Service.Channels.Email;
using Touchpoint.Web.Features.Service.Channels.Phone;
using Touchpoint.Web.Features.Service.Views;

namespace Touchpoint.Web.Features.Settings.Service;

/// <summary>
/// The service settings pages' reads and changes, each through the API's own handler in its own scope (as
/// <see cref="SettingsCommands"/> does), so a page and the API apply the same rules and the same messages.
/// </summary>
public static class ServiceSettingsCommands
{
    private static Task<T> In<T>(IServiceScopeFactory scopes, Func<IServiceProvider, TouchpointDb, TimeProvider, Task<T>> work) =>
        SettingsCommands.InScopeAsync(scopes, sp => work(sp, sp.GetRequiredService<TouchpointDb>(), sp.GetRequiredService<TimeProvider>()));

    private static readonly CancellationToken None = CancellationToken.None;

    public static Task<List<MacroDto>> MacrosAsync(IServiceScopeFactory s) => In(s, async (_, db, _) => (await MacrosApi.List(db, None)).Value!);

    public static Task<ApiOutcome<MacroDto>> SaveMacroAsync(IServiceScopeFactory s, ClaimsPrincipal me, long? id, MacroInput input) => In(s, async (_, db, clock) =>
        ApiOutcome.Read<MacroDto>(id is { } x ? await MacrosApi.Update(db, clock, x, input, None) : await MacrosApi.Create(db, clock, me, input, None)));

    public static Task<bool> DeleteMacroAsync(IServiceScopeFactory s, long id) => In(s, async (_, db, _) =>
        (await MacrosApi.Delete(db, id, None)).Result is Microsoft.AspNetCore.Http.HttpResults.NoContent);

    public static Task<List<CustomFieldDto>> FieldsAsync(IServiceScopeFactory s) => In(s, async (_, db, _) => (await CustomFieldsApi.List(db, None)).Value!);

    public static Task<ApiOutcome<CustomFieldDto>> SaveFieldAsync(IServiceScopeFactory s, long? id, CustomFieldInput input) => In(s, async (_, db, clock) =>
        ApiOutcome.Read<CustomFieldDto>(id is { } x ? await CustomFieldsApi.Update(db, x, input, None) : await CustomFieldsApi.Create(db, clock, input, None)));

    public static Task<bool> DeleteFieldAsync(IServiceScopeFactory s, long id) => In(s, async (_, db, _) =>
        (await CustomFieldsApi.Delete(db, id, None)).Result is Microsoft.AspNetCore.Http.HttpResults.NoContent);

    public static Task<IReadOnlyList<TicketViewDto>> ViewsAsync(IServiceScopeFactory s, ClaimsPrincipal me) => In(s, async (_, db, _) =>
        (await TicketViewsApi.List(db, me, None)).Value!);

    public static Task<ApiOutcome<TicketViewDto>> CreateViewAsync(IServiceScopeFactory s, ClaimsPrincipal me, TicketViewInput input) => In(s, async (_, db, clock) =>
        ApiOutcome.Read<TicketViewDto>(await TicketViewsApi.Create(db, clock, me, input, None)));

    /// <summary>Deletes a saved view; the answer is the reason it was refused, or null when it is gone.</summary>
    public static Task<string?> DeleteViewAsync(IServiceScopeFactory s, ClaimsPrincipal me, long id) => In(s, async (_, db, _) =>
        (await TicketViewsApi.Delete(db, me, id, None)).Result switch
        {
            Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult p => p.ProblemDetails.Detail,
            Microsoft.AspNetCore.Http.HttpResults.NotFound => "It no longer exists; reload the page.",
            _ => null,
        });

    public static Task<List<MailboxDto>> MailboxesAsync(IServiceScopeFactory s) => In(s, async (_, db, _) => (await MailboxesApi.List(db, None)).Value!);

    public static Task<ApiOutcome<MailboxDto>> SaveMailboxAsync(IServiceScopeFactory s, long? id, MailboxInput input) => In(s, async (sp, db, clock) =>
    {
        var secrets = sp.GetRequiredService<MailboxSecrets>();
        return ApiOutcome.Read<MailboxDto>(id is { } x ? await MailboxesApi.Update(db, secrets, x, input, None) : await MailboxesApi.Create(db, secrets, clock, input, None));
    });

    public static Task<List<CallDto>> CallbacksAsync(IServiceScopeFactory s) => In(s, async (_, db, _) => (await PhoneApi.Callbacks(db, None)).Value!);

    public static Task<ApiOutcome<CallDto>> CallbackDoneAsync(IServiceScopeFactory s, long id) => In(s, async (_, db, clock) =>
        ApiOutcome.Read<CallDto>(await PhoneApi.CallbackDone(db, clock, id, None)));

    public static Task<List<QuarantineDto>> QuarantineAsync(IServiceScopeFactory s) => In(s, async (_, db, _) => (await EmailApi.QuarantineList(db, null, None)).Value!);

    public static Task<ApiOutcome<TicketSummary>> ReleaseAsync(IServiceScopeFactory s, long id, long? customerId) => In(s, async (sp, db, clock) =>
        ApiOutcome.Read<TicketSummary>(await QuarantineApi.Release(db, sp.GetRequiredService<Touchpoint.Data.Service.Channels.ChannelFiles>(), clock,
            sp.GetRequiredService<Touchpoint.Web.Features.Service.Workspace.TicketChangeNotifier>(), id, new QuarantineReleaseInput(customerId), None)));

    public static Task<bool> DeleteQuarantinedAsync(IServiceScopeFactory s, long id) => In(s, async (sp, db, _) =>
        (await QuarantineApi.Delete(db, sp.GetRequiredService<Touchpoint.Data.Service.Channels.ChannelFiles>(), id, None)).Result is Microsoft.AspNetCore.Http.HttpResults.NoContent);

    /// <summary>Team names by id for the pickers.</summary>
    public static Task<List<(long Id, string Name)>> TeamsAsync(IServiceScopeFactory s) => In(s, async (_, db, _) =>
        (await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(None)).Select(t => (t.Id, t.Name)).ToList());
}
