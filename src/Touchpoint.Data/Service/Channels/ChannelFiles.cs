using System.Security.Cryptography;

namespace Touchpoint.Data.Service.Channels;

/// <summary>
/// Where channel bytes live: attachments/ and quarantine/ under the data directory. Paths in the store are relative,
/// so a data directory can be moved as a whole. File names from the outside never become path segments.
/// </summary>
public sealed class ChannelFiles(string dataDirectory)
{
    public string Root { get; } = Path.GetFullPath(dataDirectory);

    public async Task<(string RelativePath, string Sha256)> SaveAsync(string area, string originalName, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        var day = DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var ext = SafeExtension(originalName);
        var relative = Path.Combine(area, day, Guid.NewGuid().ToString("N") + ext);
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, bytes.ToArray(), ct);
        return (relative.Replace('\\', '/'), Convert.ToHexStringLower(SHA256.HashData(bytes.Span)));
    }

    public string FullPath(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException("a stored path points outside the data directory");
        return full;
    }

    private static string SafeExtension(string name)
    {
        var ext = Path.GetExtension(name);
        return ext.Length is > 1 and <= 10 && ext.Skip(1).All(char.IsAsciiLetterOrDigit) ? ext.ToLowerInvariant() : ".bin";
    }
}
