namespace Touchpoint.Data.Analytics;

/// <summary>Settings of the columnar mirror (configuration section "Analytics").</summary>
public sealed class AnalyticsOptions
{
    /// <summary>The DuckDB file. Deleting it is safe: it is rebuilt from the store on the next start or query.</summary>
    public string MirrorPath { get; set; } = "data/analytics.duckdb";

    /// <summary>DuckDB's memory ceiling; queries larger than this spill to disk instead of growing the process.</summary>
    public string MemoryLimit { get; set; } = "1GB";

    /// <summary>Worker threads for analytic queries; 0 lets DuckDB use every core.</summary>
    public int Threads { get; set; }

    /// <summary>Rows copied from the store per mirror transaction.</summary>
    public int BatchSize { get; set; } = 200_000;

    /// <summary>
    /// Events grouped by one statement when the funnels' per-type times are listed (<see cref="TypeTimes"/>); more are
    /// grouped by customer buckets, because a list aggregate cannot spill. 4M fits the default 1 GB memory limit.
    /// </summary>
    public long ListEventsPerStatement { get; set; } = 4_000_000;

    /// <summary>
    /// How long the database stays open after a question (<see cref="AnalyticsDatabase.KeepOpenAsync"/>); zero closes it
    /// with the question's last connection.
    /// </summary>
    public TimeSpan KeepOpenAfterQuestion { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the background service catches up when nobody asks a question.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
