using Touchpoint.Data.Service.Sla;
using Touchpoint.Data.Store;
using Microsoft.AspNetCore.Http.HttpResults;
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
            ? Read<SlaPolicyDto>(await SlaPoliciesApi.Update(db, clock, id, form.ToDraft(null), CancellationToken.None))
            : Read<SlaPolicyDto>(await SlaPoliciesApi.Create(db, clock, form.ToDraft(null), CancellationToken.None));
    });

    public static Task<IReadOnlyList<string>> DeleteAsync(IServiceScopeFactory scopes, long id) => SettingsCommands.InScopeAsync(scopes, async sp =>
    {
        var result = await SlaPoliciesApi.Delete(sp.GetRequiredService<TouchpointDb>(), id, CancellationToken.None);
        return result.Result is Microsoft.AspNetCore.Http.HttpResults.NoContent ? [] : Read<SlaPolicyDto>(result).Errors;
    });

    public static Task<ApiOutcome<List<SlaPolicyDto>>> ReorderAsync(IServiceScopeFactory scopes, IReadOnlyList<long> ids) => SettingsCommands.InScopeAsync(scopes, async sp =>
        Read<List<SlaPolicyDto>>(await SlaPoliciesApi.Reorder(sp.GetRequiredService<TouchpointDb>(), sp.GetRequiredService<TimeProvider>(),
            new SlaPolicyOrder { Ids = ids }, CancellationToken.None)));

    /// <summary>
    /// As <see cref="ApiOutcome.Read{T}"/>, with the API's field paths in the page's words ("targets.urgent.firstResponse"
    /// → "Urgent first response must be more than 0 minutes."), so a message points at the box to fix.
    /// </summary>
    private static ApiOutcome<T> Read<T>(IResult result) where T : class
    {
        var inner = result is INestedHttpResult n ? n.Result : result;
        if (inner is not ValidationProblem vp) return ApiOutcome.Read<T>(result);
        return new(null, vp.ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => ApiOutcome.Sentence(Label(e.Key), m))).ToList());
    }

    internal static string Label(string field)
    {
        var parts = field.Split('.');
        return parts switch
        {
            ["targets", var priority, var clock] => $"{priority} {Words(clock)}",
            ["targets", var priority] => $"targets of {priority}",
            ["conditions", var list] => list switch { "teamIds" => "team", "priorities" => "priority", _ => list.TrimEnd('s') },
            ["calendar", var part] => Words(part),
            ["warning", "percent"] => "warn at % of target",
            ["warning", "minutesBefore"] => "warn minutes before",
            ["onWarning" or "onBreach", var action] => $"{(parts[0] == "onWarning" ? "on warning" : "on breach")}: {(action == "teamId" ? "team" : Words(action))}",
            ["onWarning"] => "on warning",
            ["onBreach"] => "on breach",
            _ => field,
        };
    }

    private static string Words(string camel) => System.Text.RegularExpressions.Regex.Replace(camel, "([a-z])([A-Z])", "$1 $2").ToLowerInvariant();
}
