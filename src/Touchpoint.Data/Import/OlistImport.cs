using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Touchpoint.Data.Ingestion;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Import;

/// <summary>What one run of the Olist import read, stored and refused (rejected rows carry their file and line).</summary>
public sealed record OlistImportReport(int Orders, int Payments, int Reviews, int ReviewsWithoutOrder, int Events, int Stored, int Duplicates,
    IReadOnlyList<OlistRowError> Rejected);

public sealed record OlistRowError(string File, long Line, string Reason);

/// <summary>
/// Imports the Olist marketplace sample (../shared/data/olist-sample/) as a shopper journey, every event through the one
/// intake path (<see cref="EventIngestion"/>): order.placed (value = sum of the order's payments in BRL, when the
/// payments file has them), order.approved, order.shipped (hand-over to the carrier), order.delivered (promised_at and
/// days_late) and review.submitted (score 1-5, title, comment). Reviews are events rather than survey answers: the
/// review belongs to one order of one customer, and as an event it joins that order's delivery by order_id in the
/// same table that funnels and friction read. Reviews of orders that are not in the orders file have no customer and
/// are counted, not stored.
///
/// Olist timestamps are local Brazil time with no offset; they are read as America/Sao_Paulo with that day's offset
/// (Brazil kept summer time until 2019; a time inside the spring-forward gap moves one hour on). Event ids are
/// "olist-{order_id}-{step}", so a second run stores nothing new. Missing timestamps (cancelled or undelivered
/// orders) mean that step's event is simply not there.
/// </summary>
public sealed class OlistImport(EventIngestion ingestion)
{
    public const string Source = "olist";
    public const string Channel = "olist";
    public const string Currency = "BRL";
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    private static readonly TimeZoneInfo Brazil = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    private sealed record Pending(EventInput Input, string File, long Line);

    public async Task<OlistImportReport> ImportDirectoryAsync(string dir, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var rejected = new List<OlistRowError>();
        var payments = ReadPayments(Path.Combine(dir, "olist_order_payments.csv"), rejected, out var paymentRows);
        var pending = new List<Pending>();
        var customers = ReadOrders(Path.Combine(dir, "olist_orders.csv"), payments, pending, rejected, out var orders);
        var (reviews, orphans) = ReadReviews(Path.Combine(dir, "olist_order_reviews.csv"), customers, pending, rejected);

        int stored = 0, duplicates = 0;
        foreach (var chunk in pending.Chunk(EventIngestion.MaxBatch))
        {
            var report = await ingestion.IngestAsync(chunk.Select(p => p.Input).ToList(), Source, ct: ct);
            stored += report.Accepted;
            duplicates += report.Duplicates;
            // The intake reports positions in the chunk: map them back to the file line the event came from.
            foreach (var r in report.Rejected)
                rejected.Add(new(chunk[r.Index].File, chunk[r.Index].Line, string.Join("; ", r.Errors.Select(e => $"{e.Field} {e.Message}"))));
            progress?.Report(stored + duplicates);
        }
        return new(orders, paymentRows, reviews, orphans, pending.Count, stored, duplicates, rejected.OrderBy(r => r.File).ThenBy(r => r.Line).ToList());
    }

    private static Dictionary<string, decimal> ReadPayments(string path, List<OlistRowError> rejected, out int rows)
    {
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        rows = 0;
        foreach (var (line, f) in Rows(path, "order_id", "payment_value"))
        {
            rows++;
            if (string.IsNullOrEmpty(f[0])) { rejected.Add(new(Path.GetFileName(path), line, "order_id is empty")); continue; }
            if (!decimal.TryParse(f[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            { rejected.Add(new(Path.GetFileName(path), line, $"payment_value '{f[1]}' is not a number")); continue; }
            sums[f[0]!] = sums.GetValueOrDefault(f[0]!) + value;
        }
        return sums;
    }

    /// <summary>Adds each order's events to <paramref name="pending"/>; returns order_id → customer external id for the reviews.</summary>
    private static Dictionary<string, string> ReadOrders(string path, Dictionary<string, decimal> payments, List<Pending> pending,
        List<OlistRowError> rejected, out int rows)
    {
        var file = Path.GetFileName(path);
        var customers = new Dictionary<string, string>(StringComparer.Ordinal);
        var header = Header(path);
        // The published data set links orders to customer_unique_id through a separate customers file; when a
        // column of that name is present it identifies the person across orders, else customer_id (one per order).
        var customerColumn = header.Contains("customer_unique_id") ? "customer_unique_id" : "customer_id";
        rows = 0;
        foreach (var (line, f) in Rows(path, "order_id", customerColumn, "order_status", "order_purchase_timestamp", "order_approved_at",
                     "order_delivered_carrier_date", "order_delivered_customer_date", "order_estimated_delivery_date"))
        {
            rows++;
            var (orderId, customer, status) = (f[0], f[1], f[2]);
            if (string.IsNullOrEmpty(orderId) || string.IsNullOrEmpty(customer)) { rejected.Add(new(file, line, $"order_id or {customerColumn} is empty")); continue; }
            var times = new DateTimeOffset?[5];
            string? bad = null;
            for (var i = 0; i < 5; i++)
                if (!TryLocal(f[3 + i], out times[i])) bad ??= $"timestamp '{f[3 + i]}' is not {TimeFormat}";
            if (bad is not null) { rejected.Add(new(file, line, bad)); continue; }
            if (times[0] is null) { rejected.Add(new(file, line, "order_purchase_timestamp is empty")); continue; }
            customers[orderId] = customer;

            EventInput Event(string step, string type, DateTimeOffset at, Dictionary<string, object?> props, decimal? value = null) => new()
            {
                Id = $"olist-{orderId}-{step}", CustomerId = customer, Type = type, Channel = Channel, OccurredAt = at.ToString("O", CultureInfo.InvariantCulture),
                Properties = JsonSerializer.SerializeToElement(props), Value = value, Currency = value is null ? null : Currency,
            };
            var placed = new Dictionary<string, object?> { ["order_id"] = orderId, ["status"] = status };
            pending.Add(new(Event("purchase", "order.placed", times[0]!.Value, placed, payments.TryGetValue(orderId, out var paid) ? paid : null), file, line));
            if (times[1] is { } approved) pending.Add(new(Event("approval", "order.approved", approved, new() { ["order_id"] = orderId }), file, line));
            if (times[2] is { } shipped) pending.Add(new(Event("carrier", "order.shipped", shipped, new() { ["order_id"] = orderId }), file, line));
            if (times[3] is { } delivered)
            {
                var props = new Dictionary<string, object?> { ["order_id"] = orderId };
                if (times[4] is { } promised)
                {
                    props["promised_at"] = promised.ToString("O", CultureInfo.InvariantCulture);
                    // The promise is a date (always 00:00:00), so lateness is counted in calendar days: delivery on
                    // the promised day is on time (0), the day after is 1 day late; early deliveries are negative.
                    props["days_late"] = (delivered.Date - promised.Date).Days;
                }
                pending.Add(new(Event("delivery", "order.delivered", delivered, props), file, line));
            }
        }
        return customers;
    }

    private static (int Rows, int Orphans) ReadReviews(string path, Dictionary<string, string> customers, List<Pending> pending, List<OlistRowError> rejected)
    {
        var file = Path.GetFileName(path);
        int rows = 0, orphans = 0;
        foreach (var (line, f) in Rows(path, "review_id", "order_id", "review_score", "review_comment_title", "review_comment_message", "review_answer_timestamp"))
        {
            rows++;
            var (reviewId, orderId) = (f[0], f[1]);
            if (string.IsNullOrEmpty(reviewId) || string.IsNullOrEmpty(orderId)) { rejected.Add(new(file, line, "review_id or order_id is empty")); continue; }
            if (!int.TryParse(f[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var score) || score is < 1 or > 5)
            { rejected.Add(new(file, line, $"review_score '{f[2]}' is not 1-5")); continue; }
            if (!TryLocal(f[5], out var answered) || answered is null) { rejected.Add(new(file, line, $"review_answer_timestamp '{f[5]}' is not {TimeFormat}")); continue; }
            if (!customers.TryGetValue(orderId, out var customer)) { orphans++; continue; }
            var props = new Dictionary<string, object?>
            {
                ["order_id"] = orderId, ["review_id"] = reviewId, ["score"] = score,
                ["title"] = string.IsNullOrWhiteSpace(f[3]) ? null : f[3], ["comment"] = string.IsNullOrWhiteSpace(f[4]) ? null : f[4],
            };
            // The review id alone is not unique in Olist (one review can cover two orders), so the id has both.
            pending.Add(new(new EventInput
            {
                Id = $"olist-{orderId}-review-{reviewId}", CustomerId = customer, Type = "review.submitted", Channel = Channel,
                OccurredAt = answered.Value.ToString("O", CultureInfo.InvariantCulture), Properties = JsonSerializer.SerializeToElement(props),
            }, file, line));
        }
        return (rows, orphans);
    }

    /// <summary>Empty is null (a step that did not happen); otherwise Brazil local time with that moment's offset.</summary>
    internal static bool TryLocal(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTime.TryParseExact(text.Trim(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        if (Brazil.IsInvalidTime(local)) local = local.AddHours(1);
        value = new DateTimeOffset(local, Brazil.GetUtcOffset(local));
        return true;
    }

    internal static List<string> Header(string path)
    {
        using var csv = Open(path);
        return csv.Headers.Select(h => h.Trim()).ToList();
    }

    private static CsvReader Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"the Olist directory has no {Path.GetFileName(path)}", path);
        return CsvReader.Create(File.OpenRead(path), CsvReaderOptions.Default with
        {
            Separator = ',', HasHeader = true, TrackLineNumbers = true, AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Recover, FieldCountMismatch = CsvFieldCountHandling.Allow,
        });
    }

    /// <summary>The named columns of each record, with the record's line number (comments may span lines).</summary>
    internal static IEnumerable<(long Line, string?[] Fields)> Rows(string path, params string[] columns)
    {
        using var csv = Open(path);
        var headers = csv.Headers.Select(h => h.Trim()).ToList();
        var index = columns.Select(c => headers.IndexOf(c) is >= 0 and var i ? i : throw new InvalidDataException($"{Path.GetFileName(path)} has no column {c}")).ToArray();
        while (csv.Read())
            yield return (csv.LineNumber, index.Select(i => i < csv.FieldCount ? csv.GetString(i)?.Trim() : null).ToArray());
    }
}
