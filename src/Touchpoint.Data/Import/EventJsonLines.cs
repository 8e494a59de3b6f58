using System.Buffers;
using System.Text;
using Touchpoint.Data.Ingestion;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Import;

/// <summary>
/// Reads a JSON lines file of events as bytes, line by line, through the fast event reader (<see cref="EventJson"/>);
/// a line that reader leaves alone is decoded and read by <see cref="JsonLinesReader"/>, so its row error is the
/// same as before. Lines end at \n, \r\n or \r and are numbered as <see cref="StreamReader.ReadLine"/> numbers them.
/// </summary>
public static class EventJsonLines
{
    public static IEnumerable<FileRow<EventInput>> Read(Stream stream)
    {
        // UTF-16 and UTF-32 files (a BOM other than UTF-8's) keep the text reader, which decodes them.
        if (!stream.CanSeek || StartsWithWideBom(stream)) return JsonLinesReader.Read<EventInput>(stream);
        return ReadUtf8(stream);
    }

    private static bool StartsWithWideBom(Stream stream)
    {
        var start = stream.Position;
        Span<byte> head = stackalloc byte[2];
        var n = stream.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        stream.Position = start;
        return n == 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));
    }

    private static IEnumerable<FileRow<EventInput>> ReadUtf8(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int start = 0, end = 0, line = 0;
            var eof = false;
            var first = true;
            while (true)
            {
                var found = buffer.AsSpan(start, end - start).IndexOfAny((byte)'\n', (byte)'\r');
                var terminator = found < 0 ? -1 : start + found;
                if (terminator < 0 || (buffer[terminator] == '\r' && terminator + 1 == end && !eof))
                {
                    // No whole line (or a \r whose \n may follow) in the buffer: read more, or finish the last line.
                    if (eof)
                    {
                        if (start < end && Row(buffer, start, end - start, ++line) is { } last) yield return last;
                        yield break;
                    }
                    if (start > 0)
                    {
                        buffer.AsSpan(start, end - start).CopyTo(buffer);
                        (end, start) = (end - start, 0);
                    }
                    if (end == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, end).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    var read = stream.Read(buffer, end, buffer.Length - end);
                    if (read == 0) eof = true;
                    end += read;
                    if (first && start == 0 && end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) start = 3;
                    if (end >= 3 || eof) first = false;
                    continue;
                }
                var row = Row(buffer, start, terminator - start, ++line);
                start = terminator + (buffer[terminator] == '\r' && terminator + 1 < end && buffer[terminator + 1] == '\n' ? 2 : 1);
                if (row is { } r) yield return r;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The row a line holds, or null for a blank line (skipped, as the text reader skips it).</summary>
    private static FileRow<EventInput>? Row(byte[] buffer, int start, int length, int line)
    {
        var bytes = buffer.AsSpan(start, length);
        if (bytes.TrimStart(" \t"u8).IsEmpty) return null;
        if (EventJson.TryReadEvent(bytes) is { } e) return FileRow<EventInput>.Good(line, e);
        var text = Encoding.UTF8.GetString(bytes);
        return string.IsNullOrWhiteSpace(text) ? null : JsonLinesReader.Parse<EventInput>(line, text);
    }
}
