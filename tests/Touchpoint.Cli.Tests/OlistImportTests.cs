using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Cli.Tests;

/// <summary>
/// The real Olist sample through `touchpoint import olist`, and a finding checked against figures computed here straight
/// from the raw files (not through the import code): among delivered orders that have a review, how many there are, and
/// the mean review score of late versus on-time deliveries. Late means delivered on a calendar day after the promised
/// date (order_delivered_customer_date's date later than order_estimated_delivery_date's date; the promise is a date).
/// In the store: order.delivered events with days_late &gt; 0 joined by order_id to review.submitted events.
/// </summary>
public abstract class OlistImportTests(Func<Task<CliStore>> newStore)
{
    private static readonly string Dir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/olist-sample"));

    [Fact]
    public async Task The_real_orders_import_as_a_journey_and_late_deliveries_score_lower_as_in_the_raw_files()
    {
        Assert.True(Directory.Exists(Dir), $"the shared data set is missing at {Dir}");
        var store = await newStore();
        var run = await store.RunAsync("import", "olist", Dir, "--json");
        Assert.True(run.Exit == 0, run.Out + run.Err);
        var json = run.Json();
        Assert.Equal(9999, json.GetProperty("orders").GetInt32());
        Assert.Equal(0, json.GetProperty("rejectedCount").GetInt32());

        var expected = Independent();
        var stored = await store.QueryAsync(async db =>
        {
            var delivered = (await db.Events.Where(e => e.Type == "order.delivered").Select(e => e.PropertiesJson!).ToListAsync(TestContext.Current.CancellationToken))
                .Select(p => JsonDocument.Parse(p).RootElement)
                .ToDictionary(p => p.GetProperty("order_id").GetString()!, p => p.GetProperty("days_late").GetInt32());
            var reviews = (await db.Events.Where(e => e.Type == "review.submitted").Select(e => e.PropertiesJson!).ToListAsync(TestContext.Current.CancellationToken))
                .Select(p => JsonDocument.Parse(p).RootElement)
                .Select(p => (Order: p.GetProperty("order_id").GetString()!, Score: p.GetProperty("score").GetInt32())).ToList();
            var joined = reviews.Where(r => delivered.ContainsKey(r.Order)).Select(r => (r.Order, r.Score, Late: delivered[r.Order] > 0)).ToList();
            return Finding.Of(joined);
        });
        Assert.Equal(expected, stored);
        // The figures docs/real-data.md quotes: 596 delivered orders with a review (597 reviews); 41 late at 2.59, 556 on time at 4.36.
        Assert.Equal((596, 41, 556), (expected.Orders, expected.LateReviews, expected.OnTimeReviews));
        Assert.True(expected.LateMean < expected.OnTimeMean - 1.5);

        var again = await store.RunAsync("import", "olist", Dir, "--json");
        Assert.Equal(0, again.Json().GetProperty("stored").GetInt32());
        Assert.Equal(json.GetProperty("events").GetInt32(), again.Json().GetProperty("duplicates").GetInt32());
    }

    public sealed record Finding(int Orders, int LateReviews, double LateMean, int OnTimeReviews, double OnTimeMean)
    {
        public static Finding Of(IReadOnlyList<(string Order, int Score, bool Late)> joined)
        {
            var late = joined.Where(j => j.Late).Select(j => j.Score).ToList();
            var onTime = joined.Where(j => !j.Late).Select(j => j.Score).ToList();
            return new(joined.Select(j => j.Order).Distinct().Count(), late.Count, Math.Round(late.Average(), 6), onTime.Count, Math.Round(onTime.Average(), 6));
        }
    }

    /// <summary>The finding from the raw CSV files only: orders with a delivery date, each of their reviews, late by calendar date.</summary>
    private static Finding Independent()
    {
        var orders = Read("olist_orders.csv").Where(r => r["order_delivered_customer_date"].Length > 0)
            .ToDictionary(r => r["order_id"], r => DateOnly.Parse(r["order_delivered_customer_date"][..10], CultureInfo.InvariantCulture) >
                                                    DateOnly.Parse(r["order_estimated_delivery_date"][..10], CultureInfo.InvariantCulture));
        var joined = Read("olist_order_reviews.csv").Where(r => orders.ContainsKey(r["order_id"]))
            .Select(r => (r["order_id"], int.Parse(r["review_score"], CultureInfo.InvariantCulture), orders[r["order_id"]])).ToList();
        return Finding.Of(joined);
    }

    private static List<Dictionary<string, string>> Read(string file)
    {
        using var stream = File.OpenRead(Path.Combine(Dir, file));
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { HasHeader = true, AllowLineBreaksInQuotes = true });
        var headers = csv.Headers.ToList();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(headers.Select((h, i) => (h, v: csv.GetString(i) ?? "")).ToDictionary(x => x.h, x => x.v));
        return rows;
    }
}

public sealed class OlistImportOnSqlite() : OlistImportTests(SqliteStore.CreateAsync);

public sealed class OlistImportOnPostgres() : OlistImportTests(PostgresStore.CreateAsync);
