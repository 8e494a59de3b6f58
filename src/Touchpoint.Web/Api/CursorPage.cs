using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Touchpoint.Web.Api;

/// <summary>
/// One page of a list. Pages are cut by keyset (the last id seen), so they stay stable while rows are added and
/// cost the same on page 1 and page 1,000. The cursor is opaque to clients.
/// </summary>
public sealed record CursorPage<T>(IReadOnlyList<T> Items, string? NextCursor);

public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static string Encode(long lastId) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("id:" + lastId.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Decodes a cursor; false when it was not made by <see cref="Encode"/>.</summary>
    public static bool TryDecode(string? cursor, out long? lastId)
    {
        lastId = null;
        if (string.IsNullOrEmpty(cursor)) return true;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith("id:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                lastId = id;
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }

    /// <summary>Checks limit and cursor together; returns the errors to report, keyed by parameter name.</summary>
    public static (int Limit, long? After, List<(string, string)> Errors) Read(int? limit, string? cursor)
    {
        var errors = new List<(string, string)>();
        var l = limit ?? DefaultLimit;
        if (l < 1 || l > MaxLimit) errors.Add(("limit", $"must be between 1 and {MaxLimit}"));
        if (!TryDecode(cursor, out var after)) errors.Add(("cursor", "is not a cursor returned by this API"));
        return (l, after, errors);
    }

    public static CursorPage<T> Page<T>(List<T> rowsPlusOne, int limit, Func<T, long> id)
    {
        var more = rowsPlusOne.Count > limit;
        if (more) rowsPlusOne.RemoveAt(rowsPlusOne.Count - 1);
        return new CursorPage<T>(rowsPlusOne, more ? Encode(id(rowsPlusOne[^1])) : null);
    }
}

/// <summary>Cursor over (time, id) for lists ordered by time, such as timelines.</summary>
public static class TimeCursor
{
    public static string Encode(DateTime atUtc, long id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"t:{atUtc.Ticks.ToString(CultureInfo.InvariantCulture)}:{id.ToString(CultureInfo.InvariantCulture)}"));

    public static bool TryDecode(string? cursor, out (DateTime AtUtc, long Id)? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor)) return true;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(':');
            if (parts.Length == 3 && parts[0] == "t"
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                position = (new DateTime(ticks, DateTimeKind.Utc), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
