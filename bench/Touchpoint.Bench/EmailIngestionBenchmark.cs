using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpResponse = SmtpServer.Protocol.SmtpResponse;
using SmtpServer.Storage;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Service.Channels;
using Touchpoint.Testing;
using Touchpoint.Web.Features.Service.Channels.Email;

namespace Touchpoint.Bench;

public sealed record EmailResult(string Store, string Path, int Messages, double Seconds)
{
    public double PerSecond => Messages / Seconds;
}

/// <summary>
/// Email ingestion through the built-in SMTP receiver against a bare SMTP receiver of the same library that stores
/// nothing: the same messages, sent by MailKit over loopback on one connection each way. The difference is what intake
/// costs: parsing, loop/auto-reply checks, customer resolution, threading, the ticket, the message, the envelope and
/// the timeline touchpoints. Half the messages answer an earlier one (In-Reply-To), so threading is exercised.
/// </summary>
public static class EmailIngestionBenchmark
{
    public static async Task<IReadOnlyList<EmailResult>> RunAsync(StoreProvider store, int count)
    {
        var messages = Messages(count, "support@bench.test", "m");
        var bare = await SendAllAsync(await BareReceiverAsync(), messages);
        await using var app = new EmailBenchApp(store);
        await app.InitializeAsync();
        await using (var db = app.Services.GetRequiredService<TouchpointDbFactory>().Create())
        {
            db.Set<Mailbox>().Add(new Mailbox { Name = "Support", Address = "support@bench.test", CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        await app.Services.GetRequiredService<SmtpReceiverService>().Listening;
        var real = await SendAllAsync(app.SmtpPort, messages);
        // The same work without SMTP: raw bytes straight into the intake, to separate intake cost from SMTP latency.
        var raw = Messages(count, "support@bench.test", "direct").Select(m => { using var s = new MemoryStream(); m.WriteTo(s); return s.ToArray(); }).ToList();
        var intake = app.Services.GetRequiredService<Touchpoint.Data.Service.Channels.EmailIntake>();
        var clock = Stopwatch.StartNew();
        foreach (var bytes in raw) await intake.ReceiveAsync(bytes, null, null, CancellationToken.None);
        var direct = clock.Elapsed.TotalSeconds;
        var name = store == StoreProvider.Sqlite ? "sqlite" : "postgres";
        return [new EmailResult(name, "bare SMTP receive (stores nothing)", count, bare), new EmailResult(name, "SMTP receiver -> ticket", count, real),
            new EmailResult(name, "intake only, no SMTP (raw bytes -> ticket)", count, direct)];
    }

    private static List<MimeMessage> Messages(int count, string to, string prefix)
    {
        var list = new List<MimeMessage>(count);
        for (var i = 0; i < count; i++)
        {
            // count/4 senders, each writing 4 times: below the loop threshold (10 a minute), so every message is a person's.
            var m = new MimeMessage();
            m.From.Add(new MailboxAddress($"Customer {i % (count / 4 + 1)}", $"{prefix}{i % (count / 4 + 1)}@customers.bench"));
            m.To.Add(MailboxAddress.Parse(to));
            m.Subject = $"Question {i / 2}";
            m.MessageId = $"{prefix}{i}@customers.bench";
            if (i % 2 == 1) m.InReplyTo = $"{prefix}{i - 1}@customers.bench";
            m.Body = new BodyBuilder
            {
                TextBody = $"Hello, my order {1000 + i} has not arrived. Can you check where it is?\n\nThanks",
                HtmlBody = $"<p>Hello, my order <b>{1000 + i}</b> has not arrived.</p><p>Can you check where it is?</p><p>Thanks</p>",
            }.ToMessageBody();
            list.Add(m);
        }
        return list;
    }

    private static async Task<double> SendAllAsync(int port, List<MimeMessage> messages)
    {
        using var smtp = new SmtpClient();
        // Without TCP_NODELAY each command waits out the peer's delayed ACK (~40 ms on loopback), which would measure
        // the kernel's timer instead of Touchpoint.
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await smtp.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.None);
        var clock = Stopwatch.StartNew();
        foreach (var m in messages) await smtp.SendAsync(m);
        var seconds = clock.Elapsed.TotalSeconds;
        await smtp.DisconnectAsync(true);
        return seconds;
    }

    private static async Task<int> BareReceiverAsync()
    {
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0)) { l.Start(); port = ((IPEndPoint)l.LocalEndpoint).Port; }
        var options = new SmtpServerOptionsBuilder().ServerName("bare").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Discard());
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(CancellationToken.None);
        await Task.Delay(200);
        return port;
    }

    private sealed class Discard : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct) =>
            Task.FromResult(SmtpResponse.Ok);
    }
}

/// <summary>The app with its SMTP receiver on a free loopback port, quiet logs.</summary>
public sealed class EmailBenchApp(StoreProvider provider) : TouchpointApp(provider)
{
    public int SmtpPort { get; } = FreePort();

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Touchpoint:Email:Receiver:Enabled", "true");
        builder.UseSetting("Touchpoint:Email:Receiver:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Touchpoint:Email:Imap:PollSeconds", "0");
    }
}
