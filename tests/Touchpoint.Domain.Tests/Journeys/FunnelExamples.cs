using Touchpoint.Domain.Journeys.Analytics;

namespace Touchpoint.Domain.Tests.Journeys;

/// <summary>The four customers of the worked examples in docs/funnels.md (day 1 is 2026-03-02, times UTC).</summary>
public static class FunnelExamples
{
    public const string Visit = "site.visited", Cart = "cart.created", Order = "order.placed", Help = "help.viewed";
    private static readonly DateTime Day1 = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
    private static long _id;

    private static FunnelEvent E(string type, int day, int hour, int minute, string channel = "web") =>
        new(Interlocked.Increment(ref _id), type, channel, Day1.AddDays(day - 1).AddHours(hour).AddMinutes(minute));

    public static IReadOnlyList<CustomerEvents> WorkedCustomers() =>
    [
        new(1, "retail", [E(Visit, 1, 9, 0), E(Cart, 1, 9, 10), E(Order, 1, 9, 30, "app")]),                      // Ana (ordered in the app)
        new(2, "retail", [E(Visit, 1, 9, 0), E(Help, 1, 9, 5), E(Cart, 1, 9, 20), E(Order, 2, 10, 0)]),            // Ben
        new(3, "business", [E(Cart, 1, 8, 0, "app"), E(Visit, 1, 9, 0, "app"), E(Order, 1, 9, 40, "app")]),        // Cai
        new(4, "retail", [E(Visit, 1, 9, 0), E(Visit, 3, 9, 0), E(Cart, 3, 9, 30, "email"), E(Order, 3, 10, 0)]), // Dee (cart from an email)
    ];

    public static FunnelDefinition Funnel(FunnelOrder order, bool optionalCart = false, bool excludeHelp = false) => new()
    {
        Steps = [new(Visit), new(Cart, Optional: optionalCart), new(Order)],
        Window = TimeSpan.FromDays(1),
        Order = order,
        Exclusions = excludeHelp ? [new FunnelExclusion(Help, 0, 1)] : [],
    };
}
