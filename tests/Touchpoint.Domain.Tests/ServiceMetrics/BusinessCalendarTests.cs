using Touchpoint.Domain.Service.Metrics;

namespace Touchpoint.Domain.Tests.ServiceMetrics;

public class BusinessCalendarTests
{
    // Lisbon is UTC+0 in winter (WET) and UTC+1 in summer (WEST); 2026 changes on 29 March and 25 October.
    private static readonly BusinessCalendar Office = BusinessCalendar.InZone("Europe/Lisbon", OpeningHours.OfficeWeek);

    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void Business_time_counts_only_opening_hours_across_midnight()
    {
        // Mon 2 March 10:00 -> Tue 3 March 11:00: 8 h on Monday (10-18) + 2 h on Tuesday (9-11).
        Assert.Equal(TimeSpan.FromHours(10), Office.BusinessDuration(Utc(2026, 3, 2, 10), Utc(2026, 3, 3, 11)));
    }

    [Fact]
    public void A_ticket_created_outside_business_hours_starts_counting_at_opening()
    {
        // Fri 6 March 20:00 -> Mon 9 March 10:00: the weekend is closed, Monday 09:00-10:00 counts.
        Assert.Equal(TimeSpan.FromHours(1), Office.BusinessDuration(Utc(2026, 3, 6, 20), Utc(2026, 3, 9, 10)));
        Assert.Equal(TimeSpan.Zero, Office.BusinessDuration(Utc(2026, 3, 7, 10), Utc(2026, 3, 8, 17)));
    }

    [Fact]
    public void A_weekend_with_the_spring_change_still_gives_nine_hour_days()
    {
        // Fri 27 March 17:00 WET (17:00Z) -> Mon 30 March 10:00 WEST (09:00Z): 1 h Friday + 1 h Monday.
        Assert.Equal(TimeSpan.FromHours(2), Office.BusinessDuration(Utc(2026, 3, 27, 17), Utc(2026, 3, 30, 9)));
        // A Monday in summer is still 09:00-18:00 local = 08:00Z-17:00Z.
        Assert.Equal(TimeSpan.FromHours(9), Office.BusinessDuration(Utc(2026, 3, 30, 0), Utc(2026, 3, 31, 0)));
        Assert.Equal(Utc(2026, 3, 30, 8), Office.AddBusinessTime(Utc(2026, 3, 28, 12), TimeSpan.Zero));
    }

    [Fact]
    public void Round_the_clock_days_are_23_and_25_hours_long_on_the_change_days()
    {
        var always = BusinessCalendar.InZone("Europe/Lisbon", OpeningHours.AllWeek);
        // Sun 29 March: 00:00 WET = 00:00Z to Mon 00:00 WEST = Sun 23:00Z.
        Assert.Equal(TimeSpan.FromHours(23), always.BusinessDuration(Utc(2026, 3, 29, 0), Utc(2026, 3, 29, 23)));
        // Sun 25 October: 00:00 WEST = Sat 23:00Z to Mon 00:00 WET = Mon 00:00Z.
        Assert.Equal(TimeSpan.FromHours(25), always.BusinessDuration(Utc(2026, 10, 24, 23), Utc(2026, 10, 26, 0)));
        // Exact to the second over the change: Sat 12:00 WET -> Mon 12:00:07 WEST is 47 h and 7 s of real time.
        Assert.Equal(new TimeSpan(47, 0, 7), always.BusinessDuration(Utc(2026, 3, 28, 12), Utc(2026, 3, 30, 11).AddSeconds(7)));
    }

    [Fact]
    public void Opening_hours_that_fall_in_the_spring_gap_close_at_the_jump()
    {
        // 01:00-02:00 WET does not exist on 29 March; 00:30-01:30 is open from 00:30Z to the jump at 01:00Z.
        var night = BusinessCalendar.InZone("Europe/Lisbon", OpeningHours.Parse("sun 00:30-01:30"));
        Assert.Equal(TimeSpan.FromMinutes(30), night.BusinessDuration(Utc(2026, 3, 28, 0), Utc(2026, 3, 30, 0)));
        // A week later the same hours are a full hour (00:30-01:30 WEST = 23:30Z-00:30Z).
        Assert.Equal(TimeSpan.FromHours(1), night.BusinessDuration(Utc(2026, 4, 4, 0), Utc(2026, 4, 6, 0)));
    }

    [Fact]
    public void Opening_hours_in_the_autumn_overlap_run_from_first_to_second_occurrence()
    {
        // 01:00-02:00 happens twice on 25 October (01:00 WEST = 00:00Z ... 02:00 WET = 02:00Z): two real hours.
        var night = BusinessCalendar.InZone("Europe/Lisbon", OpeningHours.Parse("sun 01:00-02:00"));
        Assert.Equal(TimeSpan.FromHours(2), night.BusinessDuration(Utc(2026, 10, 24, 0), Utc(2026, 10, 26, 0)));
    }

    [Fact]
    public void Holidays_are_closed_all_day()
    {
        // Wed 10 June 2026 (Portugal Day) is a holiday: Tue 17:00 WEST (16:00Z) -> Thu 10:00 WEST (09:00Z) = 1 h + 1 h.
        var cal = BusinessCalendar.InZone("Europe/Lisbon", OpeningHours.OfficeWeek, [new DateOnly(2026, 6, 10)]);
        Assert.Equal(TimeSpan.FromHours(2), cal.BusinessDuration(Utc(2026, 6, 9, 16), Utc(2026, 6, 11, 9)));
        Assert.Equal(TimeSpan.FromHours(11), Office.BusinessDuration(Utc(2026, 6, 9, 16), Utc(2026, 6, 11, 9)));
        // Due date: Tue 17:00 + 2 h skips the holiday and lands on Thu 10:00 local.
        Assert.Equal(Utc(2026, 6, 11, 9), cal.AddBusinessTime(Utc(2026, 6, 9, 16), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Due_dates_roll_over_closed_time()
    {
        // Fri 6 March 17:00 + 2 h -> Monday 10:00; 30 min from Saturday -> Monday 09:30.
        Assert.Equal(Utc(2026, 3, 9, 10), Office.AddBusinessTime(Utc(2026, 3, 6, 17), TimeSpan.FromHours(2)));
        Assert.Equal(Utc(2026, 3, 9, 9, 30), Office.AddBusinessTime(Utc(2026, 3, 7, 12), TimeSpan.FromMinutes(30)));
        // Exactly the rest of the day ends at closing time, not the next morning.
        Assert.Equal(Utc(2026, 3, 6, 18), Office.AddBusinessTime(Utc(2026, 3, 6, 17), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Several_intervals_a_day_leave_the_lunch_break_out()
    {
        var split = BusinessCalendar.InZone("Europe/Lisbon", OpeningHours.Parse("mon-fri 09:00-13:00,14:00-18:00; sat 10:00-12:00"));
        Assert.Equal(TimeSpan.FromHours(2), split.BusinessDuration(Utc(2026, 3, 2, 12), Utc(2026, 3, 2, 15)));
        Assert.Equal(TimeSpan.FromHours(2), split.BusinessDuration(Utc(2026, 3, 7, 0), Utc(2026, 3, 8, 0)));
        Assert.Equal(Utc(2026, 3, 2, 14, 30), split.AddBusinessTime(Utc(2026, 3, 2, 12), TimeSpan.FromMinutes(90)));
    }

    [Theory]
    [InlineData("mon-fri 9-18")]
    [InlineData("funday 09:00-18:00")]
    [InlineData("mon 18:00-09:00")]
    [InlineData("mon 09:00-12:00,11:00-13:00")]
    public void Bad_schedules_are_rejected_with_a_reason(string schedule)
    {
        var ex = Record.Exception(() => new BusinessCalendar(TimeZoneInfo.Utc, OpeningHours.Parse(schedule)));
        Assert.True(ex is FormatException or ArgumentException, ex?.GetType().Name);
    }
}
