namespace Touchpoint.Web.Startup;

/// <summary>
/// A background pass whose progress lives in the store (a cursor, fired rows): it fixes its starting point before the
/// host serves requests, then runs every <c>seconds</c> (0 = off). A failed pass is logged and the next one goes on
/// from what the store says was done, so nothing is missed or repeated. Routing's solve and time triggers and the
/// mailing of automatic replies are such passes.
/// </summary>
public abstract class StoredCursorPass(int seconds, ILogger log) : BackgroundService
{
    /// <summary>Fixes where the pass starts: work stored from now on is done, older work is not.</summary>
    protected abstract Task InitialiseAsync(CancellationToken ct);

    /// <summary>One pass; returns how many things it did.</summary>
    protected abstract Task<int> RunOnceAsync(CancellationToken ct);

    /// <summary>The log line of a pass that did something, with one placeholder for the count.</summary>
    protected abstract string DoneMessage { get; }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await InitialiseAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await timer.WaitForNextTickAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                var done = await RunOnceAsync(stoppingToken);
#pragma warning disable CA2254 // the template is a constant of each subclass
                if (done > 0) log.LogInformation(DoneMessage, done);
#pragma warning restore CA2254
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                // The store may be briefly away; what was handled is in the store, so the next pass goes on from there.
                log.LogWarning(ex, "{Pass} failed", GetType().Name);
            }
        }
    }
}
