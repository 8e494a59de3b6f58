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

    [Fact]
    public async Task Bad_rows_are_reported_with_file_and_line_and_missing_steps_make_no_events()
    {
        // A made-up excerpt in the Olist layout: a review comment spanning two lines, an order with a broken timestamp,
        // and a cancelled order with only its purchase time.
        var orders = TestFiles.Write("olist_orders.csv", """
            order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date
            o1,c1,delivered,2017-11-02 10:56:00,2017-11-02 11:07:00,2017-11-04 19:55:00,2017-11-20 21:25:00,2017-11-18 00:00:00
            o2,c2,canceled,2017-10-03 09:00:00,,,,2017-10-25 00:00:00
            o3,c3,delivered,02/10/2017 10:56,,,,2017-10-25 00:00:00
            """);
        var dir = Path.GetDirectoryName(orders)!;
        File.WriteAllText(Path.Combine(dir, "olist_order_payments.csv"), "order_id,payment_sequential,payment_type,payment_installments,payment_value\no1,1,credit_card,1,10.50\no1,2,voucher,1,4.50\n");
        File.WriteAllText(Path.Combine(dir, "olist_order_reviews.csv"),
            "review_id,order_id,review_score,review_comment_title,review_comment_message,review_creation_date,review_answer_timestamp\n" +
            "r1,o1,2,,\"chegou\natrasado\",2017-11-21 00:00:00,2017-11-22 10:00:00\nr2,o1,9,,,2017-11-21 00:00:00,2017-11-22 10:00:00\n");
        var store = await newStore();
        var run = await store.RunAsync("import", "olist", dir, "--json");
        Assert.Equal(2, run.Exit);
        var rejected = run.Json().GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("file").GetString(), r.GetProperty("line").GetInt64())).ToList();
        Assert.Equal([("olist_order_reviews.csv", 4L), ("olist_orders.csv", 4L)], rejected);
        var events = await store.QueryAsync(db => db.Events.OrderBy(e => e.ClientEventId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["olist-o1-approval", "olist-o1-carrier", "olist-o1-delivery", "olist-o1-purchase", "olist-o1-review-r1", "olist-o2-purchase"],
            events.Select(e => e.ClientEventId));
        var placed = events.Single(e => e.ClientEventId == "olist-o1-purchase");
        Assert.Equal((15.00m, "BRL", (short)-120), (placed.Value, placed.Currency, placed.OffsetMinutes)); // 2 November 2017: Brazilian summer time (15 October 2017 to 18 February 2018)
        Assert.Equal(new DateTime(2017, 11, 2, 12, 56, 0), placed.OccurredAtUtc);
        var delivered = JsonDocument.Parse(events.Single(e => e.Type == "order.delivered").PropertiesJson!).RootElement;
        Assert.Equal(2, delivered.GetProperty("days_late").GetInt32());
        var review = JsonDocument.Parse(events.Single(e => e.Type == "review.submitted").PropertiesJson!).RootElement;
        Assert.Equal("chegou\natrasado", review.GetProperty("comment").GetString());
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
