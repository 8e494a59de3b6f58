using System.CommandLine;
using System.Diagnostics;
using Touchpoint.Data.Demo;
using Touchpoint.Domain.Demo;

namespace Touchpoint.Cli.Commands;

/// <summary>
/// `touchpoint demo`: generates the demo company into the store, streamed, from a few thousand to tens of millions
/// of events (benchmarks). The same seed and size give the same company.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Customers generated in memory to measure the events-per-customer ratio for --events.</summary>
    private const int SampleCustomers = 400;

    public static Command Create(CliIo io)
    {
        var customers = new Option<int?>("--customers") { Description = "Number of customers to generate (default 3000)" };
        var events = new Option<long?>("--events") { Description = "Approximate number of events; the customer count is derived from it" };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 42 };
        var command = new Command("demo", "Generate the demo company (Northwind Home) into the store") { customers, events, seed };
        command.SetAction(Cli.Guarded(io, async (parse, ct) =>
        {
            var s = parse.GetValue(seed);
            var byCustomers = parse.GetValue(customers);
            var byEvents = parse.GetValue(events);
            if (byCustomers is not null && byEvents is not null) throw new CliException("give --customers or --events, not both");
            if (byCustomers is <= 0 || byEvents is <= 0) throw new CliException("--customers and --events must be positive");
            var perCustomer = EventsPerCustomer(s);
            var count = byCustomers ?? (byEvents is { } e ? (int)Math.Clamp(Math.Round(e / perCustomer), 1, int.MaxValue) : 3000);

            await using var host = await CliHost.StartAsync(parse, ct);
            var clock = Stopwatch.StartNew();
            var progress = new InlineProgress<DemoProgress>(p => io.Progress(
                $"demo: {CliIo.N(p.Customers)}/{CliIo.N(p.OfCustomers)} customers, {CliIo.N(p.Events)} events, " +
                $"{CliIo.N((long)(p.Events / Math.Max(clock.Elapsed.TotalSeconds, 0.001)))} events/s"));
            var done = await host.Get<DemoLoader>().LoadAsync(count, s, progress, ct);
            io.EndProgress();
            var seconds = clock.Elapsed.TotalSeconds;
            if (parse.GetValue(Cli.Json))
                await io.WriteJsonAsync(new
                {
                    customers = done.Customers,
                    events = done.Events,
                    seed = s,
                    seconds = Math.Round(seconds, 3),
                    eventsPerSecond = Math.Round(done.Events / Math.Max(seconds, 0.001)),
                    eventsPerCustomer = Math.Round(perCustomer, 2),
                });
            else
                await io.Out.WriteLineAsync($"Demo company loaded: {CliIo.N(done.Customers)} customers, {CliIo.N(done.Events)} events " +
                    $"(seed {s}) in {seconds:F1} s, {CliIo.N((long)(done.Events / Math.Max(seconds, 0.001)))} events/s.");
            return Cli.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Measures the generator's events per customer on an in-memory sample with the same seed (about 20; it moves
    /// whenever the generator's story changes, so it is measured rather than written down).
    /// </summary>
    internal static double EventsPerCustomer(int seed)
    {
        var sample = new DemoOptions
        {
            Customers = SampleCustomers,
            Seed = seed,
            AgentUserIds = Enumerable.Range(1, DemoCompany.Agents.Count).Select(i => (long)i).ToList(),
        };
        var events = new DemoGenerator(sample).Generate().Sum(h => (long)h.Events.Count);
        return Math.Max(1.0, (double)events / SampleCustomers);
    }
}
