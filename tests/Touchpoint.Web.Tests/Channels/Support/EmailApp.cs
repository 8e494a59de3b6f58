using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data.Store;
using Touchpoint.Testing;
using Touchpoint.Web.Features.Service.Channels.Email;

namespace Touchpoint.Web.Tests.Channels.Support;

/// <summary>
/// The app with its SMTP receiver on (a free loopback port), replies going to a <see cref="RelayPeer"/>, and an account
/// on the test run's Dovecot for IMAP polling (polled on demand, not on a timer, so tests decide when).
/// </summary>
public class EmailApp(StoreProvider provider) : TouchpointApp(provider)
{
    public int SmtpPort { get; } = LoopbackPort.Free();
    public RelayPeer Relay { get; } = new();
    public (int Port, string User, string Password) Imap { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        Imap = await DovecotServer.AccountAsync();
        await base.InitializeAsync();
        await Services.GetRequiredService<SmtpReceiverService>().Listening.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync("127.0.0.1", SmtpPort);
                return;
            }
            catch (System.Net.Sockets.SocketException) { await Task.Delay(100); }
        }
        throw new InvalidOperationException($"the SMTP receiver did not listen on {SmtpPort}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Touchpoint:Email:Receiver:Enabled", "true");
        builder.UseSetting("Touchpoint:Email:Receiver:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Touchpoint:Email:Relay:Host", "127.0.0.1");
        builder.UseSetting("Touchpoint:Email:Relay:Port", Relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Touchpoint:Email:Relay:Security", "none");
        builder.UseSetting("Touchpoint:Email:MessageIdDomain", "desk.touchpoint.test");
        builder.UseSetting("Touchpoint:Email:Imap:PollSeconds", "0");
        builder.UseSetting("Touchpoint:Email:AutomaticReplySeconds", "1");
    }

    public override async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteEmailApp() : EmailApp(StoreProvider.Sqlite);

public sealed class PostgresEmailApp() : EmailApp(StoreProvider.Postgres);
