using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using MudBlazor;
using Touchpoint.Data.Service.Routing;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Routing;

namespace Touchpoint.Web.Features.Service.Routing;

/// <summary>
/// The rule builder. Every change goes through the API's own handlers (<see cref="RoutingRulesApi"/>,
/// <see cref="AgentRoutingApi"/>) in a fresh scope, so the page and the API check rules the same way.
/// </summary>
public partial class RoutingPage
{
    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private static readonly string[] Availabilities = ["available", "away", "offline"];

    private sealed class AgentRow
    {
        public long UserId { get; init; }
        public string Name { get; init; } = "";
        public string Teams { get; init; } = "";
        public int Open { get; init; }
        public string Availability { get; set; } = "available";
        public string Skills { get; set; } = "";
        public int? Capacity { get; set; }
    }

    private List<RoutingRuleDto>? _rules;
    private RoutingChoices _choices = new([], [], [], [], []);
    private List<AgentRow> _agents = [];
    private RuleDraft? _draft;
    private RulePreviewResult? _preview;
    private long? _testTicketId;
    private IReadOnlyList<string> _errors = [];
    private IReadOnlyList<string> _agentErrors = [];
    private bool _busy;

    private IEnumerable<string> ConditionFields => RuleFields.Plain.Concat(_choices.FieldKeys.Select(k => RuleFields.CustomFieldPrefix + k));

    protected override Task OnInitializedAsync() => ReloadAsync();

    private Task<T> InScopeAsync<T>(Func<TouchpointDb, IServiceProvider, Task<T>> work) =>
        Settings.SettingsCommands.InScopeAsync(Scopes, sp => work(sp.GetRequiredService<TouchpointDb>(), sp));

    private async Task ReloadAsync()
    {
        _rules = await InScopeAsync(async (db, _) => (await RoutingRulesApi.List(db, CancellationToken.None)).Value!);
        _choices = await InScopeAsync((db, _) => RoutingChoices.LoadAsync(db, CancellationToken.None));
        _agents = _choices.Agents.Select(a => new AgentRow
        {
            UserId = a.UserId, Name = a.DisplayName, Open = a.OpenTickets, Availability = a.Availability, Skills = string.Join(", ", a.Skills), Capacity = a.MaxOpenTickets,
            Teams = string.Join(", ", a.TeamIds.Select(id => _choices.Teams.FirstOrDefault(t => t.Id == id).Name ?? "#" + id)),
        }).ToList();
    }

    private void NewRule()
    {
        _draft = new RuleDraft { Conditions = [new()], Actions = [new()] };
        _errors = [];
        _preview = null;
    }

    private void Edit(RoutingRuleDto r)
    {
        _draft = RuleDraft.From(r);
        _errors = [];
        _preview = null;
    }

    private static void SetType(RuleDraft.ActionRow a, string type)
    {
        a.Type = type;
        a.Value = "";
        a.Key = "";
    }

    private static void SetField(RuleDraft.ConditionRow c, string field)
    {
        c.Field = field;
        c.Op = RuleOps.For(field)[0];
    }

    private async Task SaveAsync()
    {
        if (_draft is not { } d) return;
        _busy = true;
        var input = d.ToInput();
        var result = await InScopeAsync<IResult>(async (db, sp) => d.Id is { } id
            ? await RoutingRulesApi.Update(db, sp.GetRequiredService<TimeProvider>(), id, input, CancellationToken.None)
            : await RoutingRulesApi.Create(db, sp.GetRequiredService<TimeProvider>(), input, CancellationToken.None));
        _errors = RuleDraft.Problems(result);
        if (_errors.Count == 0)
        {
            Snackbar.Add($"Saved rule {d.Name.Trim()}.", Severity.Success);
            _draft = null;
            _preview = null;
            await ReloadAsync();
        }
        _busy = false;
    }

    private async Task TestAsync()
    {
        if (_draft is not { } d) return;
        _busy = true;
        var input = new RuleTestInput { Rule = d.ToInput(), TicketId = _testTicketId };
        var result = await InScopeAsync<IResult>(async (db, _) => await RoutingRulesApi.Test(db, input, CancellationToken.None));
        _errors = RuleDraft.Problems(result);
        _preview = (result as INestedHttpResult)?.Result is Ok<RulePreviewResult> ok ? ok.Value : null;
        _busy = false;
    }

    private async Task MoveAsync(int index, int by)
    {
        if (_rules is null) return;
        _busy = true;
        var ids = _rules.Select(r => r.Id).ToList();
        (ids[index], ids[index + by]) = (ids[index + by], ids[index]);
        var result = await InScopeAsync<IResult>(async (db, _) => await RoutingRulesApi.Reorder(db, new ReorderInput { Ids = ids }, CancellationToken.None));
        var problems = RuleDraft.Problems(result);
        if (problems.Count > 0) Snackbar.Add(string.Join(" ", problems), Severity.Error);
        await ReloadAsync();
        _busy = false;
    }

    private async Task DeleteAsync(RoutingRuleDto r)
    {
        _busy = true;
        await InScopeAsync<IResult>(async (db, _) => await RoutingRulesApi.Delete(db, r.Id, CancellationToken.None));
        Snackbar.Add($"Deleted rule {r.Name}.", Severity.Info);
        if (_draft?.Id == r.Id) _draft = null;
        await ReloadAsync();
        _busy = false;
    }

    private async Task SaveAgentAsync(AgentRow row)
    {
        _busy = true;
        var input = new AgentRoutingInput
        {
            Availability = row.Availability, MaxOpenTickets = row.Capacity ?? 0,
            Skills = row.Skills.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        };
        var result = await InScopeAsync<IResult>(async (db, sp) => await AgentRoutingApi.Set(db, sp.GetRequiredService<TimeProvider>(), row.UserId, input, CancellationToken.None));
        _agentErrors = RuleDraft.Problems(result).Select(p => $"{row.Name}: {p}").ToList();
        if (_agentErrors.Count == 0) Snackbar.Add($"Saved {row.Name}.", Severity.Success);
        await ReloadAsync();
        _busy = false;
    }

    private static string TriggerLabel(string t) => t switch
    {
        RuleTriggers.Created => "ticket created",
        RuleTriggers.CustomerReplied => "customer replied",
        RuleTriggers.Solved => "ticket solved",
        RuleTriggers.PendingFor => "pending for …",
        RuleTriggers.UnassignedFor => "unassigned for …",
        _ => "solved for …",
    };

    private static string When(RoutingRuleDto r) =>
        RuleTriggers.IsTimed(r.Trigger) ? TriggerLabel(r.Trigger).Replace("…", Duration(r.AfterMinutes ?? 0), StringComparison.Ordinal) : TriggerLabel(r.Trigger);

    private static string Duration(int minutes) => minutes % 1440 == 0 ? $"{minutes / 1440} d" : minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes} min";

    private static string IfText(RoutingRuleDto r) => r.Conditions.Count == 0 ? "every ticket"
        : string.Join(r.Match == RuleMatch.Any ? " or " : " and ", r.Conditions.Select(c => $"{c.Field} {c.Op.Replace('_', ' ')} {string.Join(", ", c.Values)}"));

    private string ThenText(RoutingRuleDto r) => string.Join("; ", r.Actions.Select(a => a.Type switch
    {
        RuleActionTypes.AddTags or RuleActionTypes.RemoveTags => $"{a.Type.Replace('_', ' ')} {string.Join(", ", a.Items)}",
        RuleActionTypes.SetTeam => "team " + TeamName(a.Value),
        RuleActionTypes.AssignRoundRobin or RuleActionTypes.AssignBySkills => a.Type.Replace('_', ' ') + (a.Value is null ? "" : " in " + TeamName(a.Value)),
        RuleActionTypes.AssignAgent => "assign " + (_choices.Agents.FirstOrDefault(x => x.UserId.ToString(CultureInfo.InvariantCulture) == a.Value)?.DisplayName ?? "#" + a.Value),
        RuleActionTypes.ReplyWithMacro => "reply with " + (_choices.Macros.FirstOrDefault(m => m.Id.ToString(CultureInfo.InvariantCulture) == a.Value).Name ?? "#" + a.Value),
        RuleActionTypes.SetField => $"{a.Key} = {a.Value}",
        RuleActionTypes.Stop => "stop",
        _ => $"{a.Type.Replace('_', ' ')} {a.Value}",
    }));

    private string TeamName(string? id) => _choices.Teams.FirstOrDefault(t => t.Id.ToString(CultureInfo.InvariantCulture) == id).Name ?? "#" + id;

    private string ValuesHelp(string field) => field switch
    {
        RuleFields.Team => "team ids: " + string.Join(", ", _choices.Teams.Select(t => $"{t.Name} = {t.Id}")),
        RuleFields.Mailbox => "mailbox ids: " + string.Join(", ", _choices.Mailboxes.Select(m => $"{m.Name} = {m.Id}")),
        RuleFields.Channel => "email, chat, form, phone, social, in_person, api",
        RuleFields.Priority => "low, normal, high, urgent",
        RuleFields.Status => "new, open, pending, on_hold, solved, closed",
        RuleFields.Content => "words in the subject or message, any case",
        _ => "",
    };
}
