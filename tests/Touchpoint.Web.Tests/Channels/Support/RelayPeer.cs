using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Touchpoint.Web.Tests.Channels.Support;

/// <summary>
/// The outbound relay Touchpoint sends replies through, as a real SMTP server on loopback (SmtpServer) that keeps
/// what it was given. Debian's SMTP servers (exim, postfix) would also deliver; a peer that records is what the test needs.
/// </summary>
public sealed class RelayPeer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public int Port { get; } = LoopbackPort.Free();
    public ConcurrentQueue<(IReadOnlyList<string> Recipients, MimeMessage Message)> Received { get; } = new();

    public RelayPeer()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("relay.test")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Keep(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match)
    {
        for (var i = 0; i < 100; i++)
        {
            var hit = Received.FirstOrDefault(r => match(r.Message));
            if (hit.Message is not null) return hit.Message;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException("the relay received no such message");
    }

    private sealed class Keep(RelayPeer peer) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, ct);
            peer.Received.Enqueue((transaction.To.Select(t => $"{t.User}@{t.Host}").ToList(), message));
            return SmtpResponse.Ok;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
