namespace Touchpoint.Domain.Service.Channels;

/// <summary>A file that came with a message; the bytes live in the attachments folder under the data directory.</summary>
public sealed class MessageAttachment
{
    public long Id { get; set; }
    public long TicketMessageId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public long SizeBytes { get; set; }

    /// <summary>Path relative to the data directory.</summary>
    public string StoragePath { get; set; } = "";

    /// <summary>SHA-256 of the content, hex; lets an agent tell two copies of the same file apart from two files.</summary>
    public string Sha256 { get; set; } = "";
}
