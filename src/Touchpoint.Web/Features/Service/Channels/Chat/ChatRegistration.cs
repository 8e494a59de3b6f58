using System.Threading.RateLimiting;

namespace Touchpoint.Web.Features.Service.Channels.Chat;

/// <summary>Registers and maps the live chat channel (docs/chat.md).</summary>
public static class ChatRegistration
{
    public static void AddChat(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = ChatOptions.From(builder.Configuration);
        services.AddSingleton(options);
        services.AddSingleton<VisitorTokens>();
        services.AddSingleton<ChatFlood>();
        services.AddSingleton<ChatTyping>();
        services.AddSingleton<ChatRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatRelay>());
        services.AddTransient<IStartupFilter, ChatPipeline>();
        // The visitor only listens, so its hub takes tiny messages; set on this hub alone, not on Blazor's circuit hub.
        services.AddSignalR().AddHubOptions<ChatHub>(o => o.MaximumReceiveMessageSize = 4 * 1024);
        services.AddCors(o => o.AddPolicy(ChatApi.Cors, p => p
            .SetIsOriginAllowed(options.AllowsOriginOfAnySite)
            .WithMethods("GET", "POST")
            .WithHeaders("Content-Type", ChatApi.TokenHeader, "X-Requested-With", "X-SignalR-User-Agent")
            .WithExposedHeaders("Retry-After")));
        // New conversations per client address: tokens cannot be minted in bulk to dodge the per-visitor line limit.
        services.AddRateLimiter(o => o.AddPolicy(ChatApi.SessionLimiter, ctx => RateLimitPartition.GetFixedWindowLimiter(
            ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.MaxSessionsPerAddressPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 })));
    }

    public static void MapChat(this IEndpointRouteBuilder app)
    {
        app.MapChatApi();
        app.MapHub<ChatHub>(ChatHub.Path).AllowAnonymous();
    }
}
