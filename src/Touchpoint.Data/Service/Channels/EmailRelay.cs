using MailKit.Security;

namespace Touchpoint.Data.Service.Channels;

/// <summary>The SMTP relay replies go out through (Touchpoint:Email:Relay). The password is never logged.</summary>
public sealed record EmailRelay(string? Host, int Port = 587, string Security = "starttls", string? User = null, string? Password = null)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public override string ToString() => $"{Host}:{Port} ({Security}{(User is null ? "" : ", as " + User)})";

    public static SecureSocketOptions Socket(string security) => security.Trim().ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "ssl" or "tls" => SecureSocketOptions.SslOnConnect,
        "starttls" => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.Auto,
    };

    public static readonly IReadOnlyList<string> SecurityChoices = ["none", "ssl", "starttls"];
}
