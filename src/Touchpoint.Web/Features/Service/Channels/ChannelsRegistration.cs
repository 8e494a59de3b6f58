using Touchpoint.Data.Service.Channels;
using Touchpoint.Web.Features.Service.Channels.Email;

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
        services.AddSingleton<EmailIntake>();
        services.AddSingleton<EmailOutbox>();
        services.AddSingleton<ImapPoll>();
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
        return builder;
    }

    public static RouteGroupBuilder MapChannelsApi(this RouteGroupBuilder api)
    {
        var channels = api.MapGroup("/channels");
        channels.MapMailboxesApi();
        channels.MapEmailApi();
        return channels;
    }
}
