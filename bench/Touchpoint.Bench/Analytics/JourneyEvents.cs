namespace Touchpoint.Bench.Analytics;

/// <summary>One synthetic event, kept small so 10M of them fit in ~250 MB.</summary>
public readonly record struct JourneyEvent(long CustomerId, long Ticks, byte Type, byte Channel, short Total);

/// <summary>
/// Deterministic customer journeys with drop-off at every stage: visits, then sometimes a cart, an order, a
/// delivery and a survey answer, with help views and newsletter opens in between; about 10 events per customer,
/// spread over half a year. Ids follow time across customers, as a live store's would.
/// </summary>
public static class JourneyEvents
{
    public static readonly string[] Types = ["site.visited", "cart.created", "order.placed", "order.delivered", "survey.answered", "help.viewed", "newsletter.opened"];
    public static readonly string[] Channels = ["web", "app", "email", "store", "chat"];
    public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static JourneyEvent[] Generate(int count, int seed = 42)
    {
        var rnd = new Random(seed);
        var events = new JourneyEvent[count];
        var n = 0;
        long customer = 0;
        while (n < count)
        {
            customer++;
            var t = Start.Ticks + rnd.NextInt64(TimeSpan.FromDays(180).Ticks) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond;
            var channel = (byte)rnd.Next(Channels.Length);
            var budget = rnd.Next(4, 17);
            while (budget > 0 && n < count)
            {
                void Add(byte type, short total = 0)
                {
                    if (n >= count || budget <= 0) return;
                    events[n++] = new JourneyEvent(customer, t, type, channel, total);
                    budget--;
                }
                Add(0);
                t += rnd.Next(30, 3600) * TimeSpan.TicksPerSecond;
                if (rnd.NextDouble() < 0.2) { Add(5); t += rnd.Next(30, 600) * TimeSpan.TicksPerSecond; }
                if (rnd.NextDouble() < 0.55)
                {
                    Add(1);
                    // Some orders come days later, beyond a 7-day window.
                    t += (rnd.NextDouble() < 0.8 ? rnd.Next(60, 7200) : rnd.Next(86_400, 14 * 86_400)) * TimeSpan.TicksPerSecond;
                    if (rnd.NextDouble() < 0.6)
                    {
                        Add(2, (short)rnd.Next(10, 500));
                        t += rnd.Next(86_400, 6 * 86_400) * TimeSpan.TicksPerSecond;
                        if (rnd.NextDouble() < 0.9) { Add(3); t += rnd.Next(3600, 3 * 86_400) * TimeSpan.TicksPerSecond; }
                        if (rnd.NextDouble() < 0.4) { Add(4); t += rnd.Next(60, 3600) * TimeSpan.TicksPerSecond; }
                    }
                }
                if (rnd.NextDouble() < 0.3) Add(6);
                t += rnd.Next(86_400, 40 * 86_400) * TimeSpan.TicksPerSecond;
            }
        }
        Array.Sort(events, (a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.CustomerId.CompareTo(b.CustomerId));
        return events;
    }

    /// <summary>Orders carry their total; deliveries how many days late they came against the promise (0-2, 3 in 7 late).</summary>
    public static string? Properties(in JourneyEvent e) => e.Type switch
    {
        2 => $"{{\"total\":{e.Total}}}",
        3 => $"{{\"days_late\":{Math.Max(0, (int)(e.Ticks / TimeSpan.TicksPerSecond % 7) - 4)}}}",
        _ => null,
    };

    /// <summary>The NPS score of a survey answer event: deterministic, lower after a late delivery is not modelled.</summary>
    public static int NpsScore(in JourneyEvent e) => (int)((e.CustomerId * 7 + e.Ticks / TimeSpan.TicksPerSecond) % 11);
}
