using System.Diagnostics;
using System.Globalization;
using Touchpoint.Data.Store;

namespace Touchpoint.Bench.Analytics;

/// <summary>`analytics`: prints the journey analytics comparison as a markdown table (see docs/benchmarks.md).</summary>
public static class AnalyticsCommand
{
    public static async Task<int> RunAsync(string sizes, string storeList, string questions)
    {
        // `--stores duckdb` leaves out the row stores' hand-written SQL (the SQLite store still feeds the mirror).
        var stores = storeList.Split(',').Select(s => s.Trim()).Where(s => s != "duckdb").Select(s => s == "postgres" ? StoreProvider.Postgres : StoreProvider.Sqlite).ToList();
        var counts = sizes.Split(',').Select(s => int.Parse(s.Trim(), CultureInfo.InvariantCulture)).ToList();
        var total = Stopwatch.StartNew();
        Console.WriteLine($"Journey analytics, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}, DuckDB memory_limit 1GB");
        var all = new List<AnalyticsTiming>();
        foreach (var n in counts) all.AddRange(await AnalyticsBenchmark.RunAsync(n, stores, questions == "friction", skipReference: Environment.GetEnvironmentVariable("TP_BENCH_NO_REFERENCE") == "1", m => Console.WriteLine($"[{total.Elapsed:mm\\:ss}] {m}")));
        Console.WriteLine();
        Console.WriteLine("| events | question | engine | seconds | ratio to hand-written DuckDB | check |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var r in all)
        {
            var baseline = all.First(b => b.Events == r.Events && b.Question == r.Question && b.Engine == "hand-written DuckDB SQL").Seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Events:N0} | {r.Question} | {r.Engine} | {r.Seconds:F3} | {r.Seconds / baseline:F2} | {r.Check:N0} |"));
        }
        Console.WriteLine();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"Peak working set of the benchmark process: {self.PeakWorkingSet64 / 1024 / 1024:N0} MB; total run {total.Elapsed.TotalSeconds:F0} s");
        return 0;
    }
}
