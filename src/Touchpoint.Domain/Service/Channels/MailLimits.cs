namespace Touchpoint.Domain.Service.Channels;

/// <summary>Size limits of the email channel.</summary>
public static class MailLimits
{
    /// <summary>Attachments of one message are kept up to this total; the rest are quarantined with the reason.</summary>
    public const long MaxAttachmentBytesPerMessage = 25L * 1024 * 1024;

    /// <summary>The SMTP receiver refuses larger messages outright (the sender's server bounces them back: nothing is lost silently).</summary>
    public const long MaxMessageBytes = 50L * 1024 * 1024;

    public static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
