using Touchpoint.Data.Service.Channels;

namespace Touchpoint.Web.Features.Service.Channels.Email;

public sealed record AutomaticReplyOptions(int ScanSeconds);

/// <summary>
/// Runs <see cref="AutomaticReplyDelivery.RunOnceAsync"/> every Touchpoint:Email:AutomaticReplySeconds (default 5;
/// 0 = off): routing rules' automatic replies on email tickets go out shortly after the ticket's transaction commits.
/// </summary>
public sealed class AutomaticReplyService(AutomaticReplyDelivery delivery, AutomaticReplyOptions options, ILogger<AutomaticReplyService> log) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the host serves requests: replies stored from now on are mailed, older ones are not.
        await delivery.InitialiseAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ScanSeconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.ScanSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await timer.WaitForNextTickAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                var sent = await delivery.RunOnceAsync(stoppingToken);
                if (sent > 0) log.LogInformation("Mailed {Count} automatic repl(ies)", sent);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                // The store may be briefly away; what was handled is in the store, so the next pass goes on from there.
                log.LogWarning(ex, "Automatic reply pass failed");
            }
        }
    }
}
