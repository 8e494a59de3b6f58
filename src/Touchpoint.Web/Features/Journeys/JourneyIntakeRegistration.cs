using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Touchpoint.Web.Features.Journeys.Snippet;
using Touchpoint.Web.Features.Journeys.Webhooks;

namespace Touchpoint.Web.Features.Journeys;

/// <summary>Limits of the public intake routes: the snippet's collect endpoint and the signed event webhooks.</summary>
public static class JourneyIntakeRegistration
{
    public static IServiceCollection AddJourneyIntake(this IServiceCollection services, IConfiguration config)
    {
        // Per key and address: one busy site cannot starve another, and one abusive visitor cannot exhaust a site's share.
        var perMinute = config.GetValue("Touchpoint:Snippet:MaxPerKeyAndAddressPerMinute", 120);
        var webhookPerMinute = config.GetValue("Touchpoint:EventWebhooks:MaxPerSourcePerMinute", 600);
        services.Configure<RateLimiterOptions>(o =>
        {
            o.AddPolicy(CollectApi.Limiter, ctx => RateLimitPartition.GetFixedWindowLimiter(
                $"{ctx.Request.Query["key"]}|{ctx.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(EventWebhooksApi.Limiter, ctx => RateLimitPartition.GetFixedWindowLimiter(
                $"{ctx.Request.RouteValues["source"]}|{ctx.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = webhookPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }
}
