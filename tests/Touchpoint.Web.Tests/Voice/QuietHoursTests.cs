using Touchpoint.Data.Voice;

namespace Touchpoint.Web.Tests.Voice;

/// <summary>
/// Quiet hours hold an invitation or outreach message until the morning in the customer's zone. The app-level tests
/// run with them off (so the wall clock does not decide what they see); the rule itself is checked here.
/// </summary>
public sealed class QuietHoursTests
{
    private static readonly VoiceOptions Default = new(); // 21:00 to 08:00
    private static readonly TimeZoneInfo Lisbon = TimeZoneInfo.FindSystemTimeZoneById("Europe/Lisbon");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(14, 0, 14, 0, 0)]   // afternoon: now
    [InlineData(20, 59, 20, 59, 0)] // a minute before quiet hours: now
    [InlineData(21, 0, 8, 0, 1)]    // evening: next morning
    [InlineData(23, 30, 8, 0, 1)]
    [InlineData(3, 0, 8, 0, 0)]     // night: this morning
    [InlineData(8, 0, 8, 0, 0)]     // quiet hours end at 08:00 sharp
    public void Winter_in_Lisbon_is_UTC(int hour, int minute, int expectedHour, int expectedMinute, int dayOffset)
    {
        var next = Default.NextAllowed(Utc(1, 15, hour, minute), Lisbon);
        Assert.Equal(Utc(1, 15 + dayOffset, expectedHour, expectedMinute), next);
        Assert.Equal(DateTimeKind.Utc, next.Kind);
    }

    [Fact]
    public void The_morning_is_the_customers_own()
    {
        // 02:00 UTC is 21:00 the evening before in New York (winter, UTC-5): held until 08:00 there, 13:00 UTC.
        Assert.Equal(Utc(1, 15, 13), Default.NextAllowed(Utc(1, 15, 2), NewYork));
        // 23:00 UTC is 18:00 in New York: sent now, though Lisbon is quiet.
        Assert.Equal(Utc(1, 15, 23), Default.NextAllowed(Utc(1, 15, 23), NewYork));
        // In summer Lisbon is UTC+1: 20:30 UTC is 21:30 there, held until 08:00 local, 07:00 UTC.
        Assert.Equal(Utc(7, 2, 7), Default.NextAllowed(Utc(7, 1, 20, 30), Lisbon));
    }

    [Fact]
    public void Quiet_hours_within_one_day_and_switched_off()
    {
        var lunch = new VoiceOptions { QuietFrom = new(12, 0), QuietUntil = new(14, 0) };
        Assert.Equal(Utc(1, 15, 14), lunch.NextAllowed(Utc(1, 15, 12, 30), Lisbon));
        Assert.Equal(Utc(1, 15, 11, 59), lunch.NextAllowed(Utc(1, 15, 11, 59), Lisbon));
        var off = new VoiceOptions { QuietFrom = new(0, 0), QuietUntil = new(0, 0) };
        Assert.Equal(Utc(1, 15, 23), off.NextAllowed(Utc(1, 15, 23), Lisbon));
    }

    [Fact]
    public void A_wake_up_time_in_the_spring_forward_gap_moves_an_hour_on()
    {
        // Lisbon skips 01:00-02:00 local on 2026-03-29; waking at 01:30 does not exist that night, so 02:30 local (01:30 UTC).
        var early = new VoiceOptions { QuietFrom = new(23, 0), QuietUntil = new(1, 30) };
        Assert.Equal(Utc(3, 29, 1, 30), early.NextAllowed(Utc(3, 28, 23, 30), Lisbon));
    }

    [Theory]
    [InlineData("{\"time_zone\":\"America/New_York\"}", "America/New_York")]
    [InlineData("{\"timezone\":\"America/New_York\"}", "America/New_York")]
    [InlineData("{\"time_zone\":\"Mars/Olympus\"}", "Europe/Lisbon")] // unknown id: the workspace's zone
    [InlineData("not json", "Europe/Lisbon")]
    [InlineData(null, "Europe/Lisbon")]
    public void The_customers_zone_comes_from_their_attributes(string? attributes, string expected)
    {
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById(expected).Id, Default.ZoneFor(attributes).Id);
    }
}
