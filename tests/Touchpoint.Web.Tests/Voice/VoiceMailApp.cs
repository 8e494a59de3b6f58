using System.Globalization;
using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Touchpoint.Data.Store;
using Touchpoint.Testing;
using Touchpoint.Web.Features.Service.Channels.Email;
using Touchpoint.Web.Tests.Channels.Support;

namespace Touchpoint.Web.Tests.Voice;

/// <summary>
/// The app with a clock the test moves, its SMTP receiver on a free loopback port (customers write in), and the relay
/// pointed at a <see cref="RelayPeer"/> (what Touchpoint sends arrives there over real SMTP). The trigger runner is
/// off: tests run passes themselves, so nothing races them. Quiet hours off; the contact limit stays at 14 days.
/// </summary>
public class VoiceMailApp(StoreProvider provider) : TouchpointApp(provider)
{
    public ManualClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero) };
    public int SmtpPort { get; } = LoopbackPort.Free();
    public RelayPeer Relay { get; } = new();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Services.GetRequiredService<SmtpReceiverService>().Listening.WaitAsync(TimeSpan.FromSeconds(10));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var inv = CultureInfo.InvariantCulture;
        builder.UseSetting("Touchpoint:Email:Receiver:Enabled", "true");
        builder.UseSetting("Touchpoint:Email:Receiver:Port", SmtpPort.ToString(inv));
        builder.UseSetting("Touchpoint:Email:Relay:Host", "127.0.0.1");
        builder.UseSetting("Touchpoint:Email:Relay:Port", Relay.Port.ToString(inv));
        builder.UseSetting("Touchpoint:Email:Relay:Security", "none");
        builder.UseSetting("Touchpoint:Email:MessageIdDomain", "voice.touchpoint.test");
        builder.UseSetting("Touchpoint:Email:Imap:PollSeconds", "0");
        builder.UseSetting("Voice:RunTriggers", "false");
        builder.UseSetting("Voice:QuietFrom", "00:00");
        builder.UseSetting("Voice:QuietUntil", "00:00");
        builder.UseSetting("Voice:PublicBaseUrl", "http://survey.test");
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Delivers a customer's email to the app's SMTP receiver, as a mail exchanger would.</summary>
    public async Task ReceiveAsync(MimeMessage message, CancellationToken ct)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", SmtpPort, SecureSocketOptions.None, ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
    }

    /// <summary>The personal survey link in a mail body, as the path /s/{token}.</summary>
    public static string LinkPath(MimeMessage mail)
    {
        var m = Regex.Match(mail.TextBody ?? "", @"http://survey\.test(/s/[A-Za-z0-9_-]+)");
        return m.Success ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("no survey link in: " + mail.TextBody);
    }

    public override async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteVoiceMailApp() : VoiceMailApp(StoreProvider.Sqlite);

public sealed class PostgresVoiceMailApp() : VoiceMailApp(StoreProvider.Postgres);
