using System.Threading.RateLimiting;
using Touchpoint.Data.Service.Channels;
using Touchpoint.Web.Features.Service.Channels.Chat;
using Touchpoint.Web.Features.Service.Channels.Contact;
using Touchpoint.Web.Features.Service.Channels.Email;
using Touchpoint.Web.Features.Service.Channels.Phone;
using Touchpoint.Web.Features.Service.Channels.Social;

namespace Touchpoint.Web.Features.Service.Channels;

/// <summary>Registers and maps every channel (configuration keys in docs/channels.md).</summary>
public static class ChannelsRegistration
{
    public static WebApplicationBuilder AddChannels(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        var dataDir = config["Touchpoint:DataDirectory"] is { Length: > 0 } d ? d : "data";
        services.AddSingleton(new ChannelFiles(dataDir));
        services.AddSingleton(new EmailSettings(config["Touchpoint:Email:MessageIdDomain"] is { Length: > 0 } domain ? domain : "touchpoint.local"));
        services.AddSingleton(new EmailRelay(config["Touchpoint:Email:Relay:Host"], config.GetValue("Touchpoint:Email:Relay:Port", 587),
            config["Touchpoint:Email:Relay:Security"] ?? "starttls", config["Touchpoint:Email:Relay:User"], config["Touchpoint:Email:Relay:Password"]));
        services.AddSingleton<RelaySender>();
        services.AddSingleton<EmailIntake>();
        services.AddSingleton<EmailOutbox>();
        services.AddSingleton<ImapPoll>();
        services.AddSingleton<AutomaticReplyDelivery>();
        services.AddSingleton(new AutomaticReplyOptions(config.GetValue("Touchpoint:Email:AutomaticReplySeconds", 5)));
        services.AddHostedService<AutomaticReplyService>();
        services.AddSingleton<MailboxSecrets>();

        services.AddSingleton(new ImapPollingOptions(config.GetValue("Touchpoint:Email:Imap:PollSeconds", 60)));
        services.AddSingleton<ImapPollingService>();
        services.AddHostedService(sp => sp.GetRequiredService<ImapPollingService>());
        var receiver = new SmtpReceiverOptions(config.GetValue("Touchpoint:Email:Receiver:Enabled", false),
            config["Touchpoint:Email:Receiver:Address"] ?? "127.0.0.1", config.GetValue("Touchpoint:Email:Receiver:Port", 2525));
        services.AddSingleton(receiver);
        if (receiver.Enabled)
        {
            services.AddSingleton<SmtpReceiverService>();
            services.AddHostedService(sp => sp.GetRequiredService<SmtpReceiverService>());
        }

        builder.AddChat();
        services.AddSingleton(new SocialWebhookOptions(config["Touchpoint:Social:WebhookSecret"]));
        // The public entry points are limited per client address: a form spammer or a runaway connector hits a 429,
        // the rest of the desk does not notice.
        var formPerTenMinutes = config.GetValue("Touchpoint:Contact:MaxPerAddressPerTenMinutes", 5);
        var webhookPerMinute = config.GetValue("Touchpoint:Social:MaxPerAddressPerMinute", 600);
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(ContactForm.Limiter, ctx => RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = formPerTenMinutes, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 }));
            o.AddPolicy(SocialWebhookApi.Limiter, ctx => RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = webhookPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    /// <summary>The public pages and form posts of the channels (outside /api).</summary>
    public static IEndpointRouteBuilder MapChannelPages(this IEndpointRouteBuilder app)
    {
        app.MapContactForm();
        app.MapChat();
        return app;
    }

    public static RouteGroupBuilder MapChannelsApi(this RouteGroupBuilder api)
    {
        var channels = api.MapGroup("/channels");
        channels.MapMailboxesApi();
        channels.MapEmailApi();
        channels.MapQuarantineApi();
        channels.MapPhoneApi();
        channels.MapSocialWebhookApi();
        return channels;
    }
}
