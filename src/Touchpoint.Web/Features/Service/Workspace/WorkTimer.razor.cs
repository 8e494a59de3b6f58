using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Touchpoint.Data.Service;
using Touchpoint.Domain.Service;

namespace Touchpoint.Web.Features.Service.Workspace;

/// <summary>
/// The workspace timer behind average handle time (docs/metrics.md). While the ticket page is open in a visible
/// tab and the agent is not idle, a session runs and the browser's heartbeat keeps its last-seen time current. It
/// ends on navigation (this component is disposed), when the tab is hidden, after the idle limit (ended at the last
/// input, not when idleness was noticed) and when the circuit closes (ended at the last heartbeat, since the
/// circuit is torn down minutes after the browser left). A session nobody ended counts to its last heartbeat.
/// </summary>
public partial class WorkTimer
{
    [Parameter, EditorRequired] public long TicketId { get; set; }
    [Parameter, EditorRequired] public long UserId { get; set; }

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IJSObjectReference? _module;
    private IJSObjectReference? _handle;
    private DotNetObjectReference<WorkTimer>? _self;
    private long? _session;
    private DateTime _lastBeat;
    private string _state = "starting";

    private TimeSpan Heartbeat => TimeSpan.FromSeconds(Math.Clamp(Config.GetValue("Touchpoint:WorkTimer:HeartbeatSeconds", 30.0), 0.2, 300));
    private TimeSpan IdleLimit => TimeSpan.FromMinutes(Math.Clamp(Config.GetValue("Touchpoint:WorkTimer:IdleMinutes", 5.0), 0.01, 120));

    private static string Describe(string state) => state switch
    {
        "running" => "running",
        "hidden" => "paused while the tab is hidden",
        "idle" => "paused while you are away",
        _ => "starting",
    };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _self = DotNetObjectReference.Create(this);
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/work-timer.js");
        _handle = await _module.InvokeAsync<IJSObjectReference>("start", _self, Heartbeat.TotalMilliseconds, IdleLimit.TotalMilliseconds);
    }

    /// <summary>The agent is at the ticket (tab visible, recent input): start a session unless one runs.</summary>
    [JSInvokable]
    public Task Active() => Locked(async () =>
    {
        if (_session is null) await using (var db = DbFactory.Create()) _session = await WorkSessions.StartAsync(db, TicketId, UserId, Clock.NowUtc, CancellationToken.None);
        _lastBeat = Clock.NowUtc;
        await Show("running");
    });

    [JSInvokable]
    public Task Beat() => Locked(async () =>
    {
        if (_session is not { } id) { await using var db0 = DbFactory.Create(); _session = await WorkSessions.StartAsync(db0, TicketId, UserId, Clock.NowUtc, CancellationToken.None); }
        else { await using var db = DbFactory.Create(); await WorkSessions.BeatAsync(db, id, Clock.NowUtc, CancellationToken.None); }
        _lastBeat = Clock.NowUtc;
        await Show("running");
    });

    /// <summary>The tab was hidden, or the agent has been idle for <paramref name="idleSeconds"/>: end the session then.</summary>
    [JSInvokable]
    public Task Pause(string reason, double idleSeconds) => Locked(async () =>
    {
        var why = reason == "idle" ? "idle" : "hidden";
        await EndAsync(why == "idle" ? WorkTimerRules.IdleEnd(Clock.NowUtc, idleSeconds) : Clock.NowUtc, why);
        await Show(why);
    });

    private async Task EndAsync(DateTime endUtc, string reason)
    {
        if (_session is not { } id) return;
        _session = null;
        await using var db = DbFactory.Create();
        await WorkSessions.EndAsync(db, id, endUtc, reason, CancellationToken.None);
    }

    private Task Show(string state)
    {
        if (_state == state) return Task.CompletedTask;
        _state = state;
        return InvokeAsync(StateHasChanged);
    }

    private async Task Locked(Func<Task> work)
    {
        await _gate.WaitAsync();
        try { await work(); }
        finally { _gate.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        await Locked(async () =>
        {
            var (end, reason) = WorkTimerRules.GoneEnd(Clock.NowUtc, _lastBeat, Heartbeat);
            await EndAsync(end, reason);
        });
        try
        {
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("stop", _handle);
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and its browser-side listeners with it.
        }
        _self?.Dispose();
    }
}
