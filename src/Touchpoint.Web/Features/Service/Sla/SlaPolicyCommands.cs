using Touchpoint.Data.Service.Sla;
using Touchpoint.Data.Store;
using Touchpoint.Web.Features.Settings;

namespace Touchpoint.Web.Features.Service.Sla;

/// <summary>The SLA Settings page's reads and changes, through the API's own handlers (one scope each), as the other Settings pages do.</summary>
public static class SlaPolicyCommands
{
    public static Task<List<SlaPolicyDto>> ListAsync(IServiceScopeFactory scopes) => SettingsCommands.InScopeAsync(scopes, async sp =>
        (await SlaPoliciesApi.List(sp.GetRequiredService<TouchpointDb>(), CancellationToken.None)).Value!);

    public static Task<List<string>> SegmentsAsync(IServiceScopeFactory scopes) => SettingsCommands.InScopeAsync(scopes, sp =>
        SlaPolicies.KnownSegmentsAsync(sp.GetRequiredService<TouchpointDb>(), CancellationToken.None));

    public static Task<ApiOutcome<SlaPolicyDto>> SaveAsync(IServiceScopeFactory scopes, SlaPolicyForm form) => SettingsCommands.InScopeAsync(scopes, async sp =>
    {
        var db = sp.GetRequiredService<TouchpointDb>();
        var clock = sp.GetRequiredService<TimeProvider>();
        return form.Id is { } id
            ? ApiOutcome.Read<SlaPolicyDto>(await SlaPoliciesApi.Update(db, clock, id, form.ToDraft(null), CancellationToken.None))
            : ApiOutcome.Read<SlaPolicyDto>(await SlaPoliciesApi.Create(db, clock, form.ToDraft(null), CancellationToken.None));
    });

    public static Task<IReadOnlyList<string>> DeleteAsync(IServiceScopeFactory scopes, long id) => SettingsCommands.InScopeAsync(scopes, async sp =>
    {
        var result = await SlaPoliciesApi.Delete(sp.GetRequiredService<TouchpointDb>(), id, CancellationToken.None);
        return result.Result is Microsoft.AspNetCore.Http.HttpResults.NoContent ? [] : ApiOutcome.Read<SlaPolicyDto>(result).Errors;
    });

    public static Task<ApiOutcome<List<SlaPolicyDto>>> ReorderAsync(IServiceScopeFactory scopes, IReadOnlyList<long> ids) => SettingsCommands.InScopeAsync(scopes, async sp =>
        ApiOutcome.Read<List<SlaPolicyDto>>(await SlaPoliciesApi.Reorder(sp.GetRequiredService<TouchpointDb>(), sp.GetRequiredService<TimeProvider>(),
            new SlaPolicyOrder { Ids = ids }, CancellationToken.None)));
}
