namespace Touchpoint.Data.Ingestion;

/// <summary>
/// Writes a UTC time as UTF-8 in the text form EF Core's SQLite provider stores ("yyyy-MM-dd HH:mm:ss.FFFFFFF":
/// the fraction without trailing zeros, and no dot when it is zero), so raw and EF rows sort and compare alike.
/// Hand-written because the general formatter was a visible share of the bulk insert.
/// </summary>
internal static class SqliteTimeText
{
    public const int MaxLength = 27;

    public static int Write(DateTime utc, Span<byte> dest)
    {
        Digits(dest[..4], utc.Year);
        dest[4] = (byte)'-';
        Digits(dest.Slice(5, 2), utc.Month);
        dest[7] = (byte)'-';
        Digits(dest.Slice(8, 2), utc.Day);
        dest[10] = (byte)' ';
        Digits(dest.Slice(11, 2), utc.Hour);
        dest[13] = (byte)':';
        Digits(dest.Slice(14, 2), utc.Minute);
        dest[16] = (byte)':';
        Digits(dest.Slice(17, 2), utc.Second);
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0) return 19;
        var digits = 7;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }
        dest[19] = (byte)'.';
        Digits(dest.Slice(20, digits), fraction);
        return 20 + digits;
    }

    private static void Digits(Span<byte> dest, int value)
    {
        for (var i = dest.Length - 1; i >= 0; i--)
        {
            dest[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
