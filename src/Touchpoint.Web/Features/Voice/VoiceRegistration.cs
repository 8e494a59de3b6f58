using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Touchpoint.Data.Voice;
using Touchpoint.Web.Features.Voice.Public;

namespace Touchpoint.Web.Features.Voice;

/// <summary>Services of the Voice feature: settings, the closed loop, mail (outbox and its SMTP sender), dispatch and the trigger runner.</summary>
public static class VoiceRegistration
{
    public static IServiceCollection AddVoice(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(VoiceOptions.From(config));
        services.AddSingleton<ClosedLoop>();
        services.AddSingleton<IOutboundMail, OutboxMail>();
        services.AddSingleton<SurveyDispatch>();
        services.AddSingleton<OutreachDispatch>();
        services.AddSingleton<SurveyTriggers>();
        services.AddSingleton<OutboxSender>();
        if (!string.Equals(config["Voice:RunTriggers"], "false", StringComparison.OrdinalIgnoreCase))
            services.AddHostedService<SurveyTriggerService>();
        var perMinute = int.TryParse(config["Voice:AnswersPerMinute"], out var n) && n > 0 ? n : 30;
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(PublicSurveyEndpoints.Limiter, ctx => RateLimitPartition.GetFixedWindowLimiter(
            "survey:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return services;
    }
}

/// <summary>
/// Runs the journey triggers, sends invitations whose quiet hours ended and drains the mail outbox through the SMTP
/// relay, every Voice:TriggerInterval. All state
/// (trigger cursors, scheduled invitations) is in the store, so a restart resumes where the last pass stopped.
/// </summary>
public sealed class SurveyTriggerService(SurveyTriggers triggers, OutboxSender outbox, VoiceOptions options, ILogger<SurveyTriggerService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        using var timer = new PeriodicTimer(options.TriggerInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var made = await triggers.RunOnceAsync(stoppingToken);
                if (made > 0) log.LogInformation("Journey triggers made {Count} survey invitation(s)", made);
                var mail = await outbox.SendPendingAsync(stoppingToken);
                if (mail.Sent + mail.Failed > 0) log.LogInformation("Outbox: {Sent} sent, {Retrying} to retry, {Failed} failed", mail.Sent, mail.Retrying, mail.Failed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                // The store may be migrating or briefly away; the next pass retries from the stored cursors.
                log.LogWarning(ex, "Survey trigger pass failed");
            }
            try { await timer.WaitForNextTickAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
