using System.Globalization;
using Touchpoint.Data.Store;

namespace Touchpoint.Bench.Service;

/// <summary>The service desk's benchmarks as markdown tables, ratios against the baseline of the same run.</summary>
public static class ServiceBenchCommand
{
    public static async Task<int> RunAsync(string command, Func<string, string, string> opt)
    {
        var stores = opt("--stores", "sqlite,postgres").Split(',').Select(s => s.Trim() == "postgres" ? StoreProvider.Postgres : StoreProvider.Sqlite).ToList();
        var inv = CultureInfo.InvariantCulture;
        if (command == "tickets-load")
        {
            var clients = int.Parse(opt("--clients", "16"), inv);
            var seconds = double.Parse(opt("--seconds", "10"), inv);
            Console.WriteLine($"Ticket creation under load: {clients} clients on 127.0.0.1, {seconds:0} s per target after 2 s warm-up, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
            Console.WriteLine();
            Console.WriteLine("| store | target | requests/s | p50 ms | p99 ms | failures | ratio of requests/s to bare |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var store in stores)
            {
                var results = await TicketLoadBenchmark.RunAsync(store, clients, seconds);
                foreach (var r in results)
                    Console.WriteLine(string.Create(inv,
                        $"| {r.Store} | {r.Target} | {r.PerSecond:N0} | {r.P50Ms:F1} | {r.P99Ms:F1} | {r.Failures} | {r.PerSecond / results[0].PerSecond:P1} |"));
            }
            return 0;
        }
        var tickets = int.Parse(opt("--tickets", "1000000"), inv);
        Console.WriteLine($"Inbox views with {tickets:N0} tickets, median of 5 warm runs, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine();
        Console.WriteLine("| store | view | path | ms | rows | ratio to hand-written |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var store in stores)
        {
            var (results, load) = await InboxBenchmark.RunAsync(store, tickets);
            foreach (var view in results.GroupBy(r => r.View))
            {
                var baseline = view.Single(r => r.Path.StartsWith("hand-written", StringComparison.Ordinal)).Seconds;
                foreach (var r in view)
                    Console.WriteLine(string.Create(inv, $"| {r.Store} | {r.View} | {r.Path} | {r.Seconds * 1000:F1} | {r.Rows} | {r.Seconds / baseline:F2} |"));
            }
            Console.WriteLine(string.Create(inv, $"| {(store == StoreProvider.Sqlite ? "sqlite" : "postgres")} | (bulk load of {tickets:N0} tickets, 100,000 customers, open tickets' messages) | raw bulk path | {load * 1000:F0} | | |"));
        }
        return 0;
    }
}
