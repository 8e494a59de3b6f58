using MailKit.Net.Smtp;
using MimeKit;

namespace Touchpoint.Data.Service.Channels;

/// <summary>
/// The one SMTP sender of the platform: agent replies (<see cref="EmailOutbox"/>) and queued mail (survey invitations,
/// outreach: <c>OutboxSender</c>) all leave through the configured relay here, so relay settings, TLS and
/// authentication live in one place.
/// </summary>
public sealed class RelaySender(EmailRelay relay)
{
    public bool IsConfigured => relay.IsConfigured;

    /// <summary>Sends or throws <see cref="EmailNotSentException"/> (field "relay") with the relay's answer.</summary>
    public async Task SendAsync(MimeMessage mail, CancellationToken ct)
    {
        if (!relay.IsConfigured) throw new EmailNotSentException("relay", "no SMTP relay is configured (Touchpoint:Email:Relay:Host)");
        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(relay.Host!, relay.Port, EmailRelay.Socket(relay.Security), ct);
            if (!string.IsNullOrEmpty(relay.User)) await smtp.AuthenticateAsync(relay.User, relay.Password ?? "", ct);
            await smtp.SendAsync(mail, ct);
            await smtp.DisconnectAsync(true, ct);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or MailKit.Security.AuthenticationException
            or System.Net.Sockets.SocketException or IOException or MailKit.ServiceNotConnectedException)
        {
            throw new EmailNotSentException("relay", $"the relay {relay.Host}:{relay.Port} refused or failed: {e.Message}");
        }
    }
}
