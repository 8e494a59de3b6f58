using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Import;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Export;

/// <summary>
/// Writes every stored event in the import formats, page by page in id order (keyset paging, so memory stays flat
/// and a long export does not hold a cursor open). Each event names its customer by the first handle the customer
/// has (external id, email, phone, anonymous id), so the file imports back into the same timeline, and an
/// exported file re-imported into its own store is all duplicates.
/// </summary>
public static class EventExport
{
    public const int PageSize = 10_000;

    public static async Task<long> WriteAsync(TouchpointDb db, Stream output, FileFormat format, IProgress<long>? progress, CancellationToken ct)
    {
        await using var sink = format == FileFormat.Csv ? (IEventSink)new CsvSink(output) : new JsonLinesSink(output);
        long after = 0, written = 0;
        while (true)
        {
            var page = await db.Events.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;
            var handles = await HandlesAsync(db, page.Select(e => e.CustomerId).Distinct().ToList(), ct);
            foreach (var e in page) await sink.WriteAsync(e, handles.TryGetValue(e.CustomerId, out var h) ? h : null, ct);
            written += page.Count;
            after = page[^1].Id;
            progress?.Report(written);
        }
        return written;
    }

    /// <summary>The handle each customer is named by in the file.</summary>
    private static async Task<Dictionary<long, CustomerRef>> HandlesAsync(TouchpointDb db, List<long> ids, CancellationToken ct)
    {
        var result = new Dictionary<long, CustomerRef>(ids.Count);
        foreach (var part in ids.Chunk(1000))
        {
            var rows = await db.Customers.AsNoTracking().Where(c => part.Contains(c.Id))
                .Select(c => new { c.Id, c.ExternalId, c.Email, c.Phone }).ToListAsync(ct);
            foreach (var c in rows)
                if (CustomerRef.From(c.ExternalId, c.Email, c.Phone, null) is { } r) result[c.Id] = r;
            var anonymous = part.Where(id => !result.ContainsKey(id)).ToList();
            if (anonymous.Count == 0) continue;
            foreach (var i in await db.CustomerIdentities.AsNoTracking().Where(i => anonymous.Contains(i.CustomerId)).OrderBy(i => i.Kind).ThenBy(i => i.Id).ToListAsync(ct))
                result.TryAdd(i.CustomerId, new CustomerRef(i.Kind, i.Value));
        }
        return result;
    }

    internal static string Time(TouchpointEvent e) => e.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>Both formats allow no line breaks inside a record; JSON never needs them.</summary>
    internal static string? OneLine(string? json) =>
        json is null || (!json.Contains('\n') && !json.Contains('\r')) ? json : JsonSerializer.Serialize(JsonElement.Parse(json));

    private interface IEventSink : IAsyncDisposable
    {
        ValueTask WriteAsync(TouchpointEvent e, CustomerRef? customer, CancellationToken ct);
    }

    private sealed class CsvSink : IEventSink
    {
        private readonly CsvWriter _csv;

        public CsvSink(Stream output)
        {
            _csv = CsvWriter.Create(output, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
            _csv.WriteHeader([.. EventCsvReader.Columns]);
        }

        public async ValueTask WriteAsync(TouchpointEvent e, CustomerRef? customer, CancellationToken ct)
        {
            _csv.WriteField(e.ClientEventId);
            _csv.WriteField(Handle(customer, IdentityKind.External));
            _csv.WriteField(Handle(customer, IdentityKind.Email));
            _csv.WriteField(Handle(customer, IdentityKind.Phone));
            _csv.WriteField(Handle(customer, IdentityKind.Anonymous));
            _csv.WriteField(e.Type);
            _csv.WriteField(e.Channel);
            _csv.WriteField(Time(e));
            _csv.WriteField(e.Value?.ToString(CultureInfo.InvariantCulture));
            _csv.WriteField(e.Currency);
            _csv.WriteField(OneLine(e.PropertiesJson));
            await _csv.EndRecordAsync(ct);
        }

        private static string? Handle(CustomerRef? c, IdentityKind kind) => c is { } r && r.Kind == kind ? r.Value : null;

        public async ValueTask DisposeAsync() => await _csv.DisposeAsync();
    }

    private sealed class JsonLinesSink(Stream output) : IEventSink
    {
        private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        private static readonly byte[] NewLine = "\n"u8.ToArray();

        public ValueTask WriteAsync(TouchpointEvent e, CustomerRef? customer, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            _json.WriteStartObject();
            _json.WriteString("id", e.ClientEventId);
            if (customer is { } c)
                _json.WriteString(c.Kind switch
                {
                    IdentityKind.External => "customerId",
                    IdentityKind.Email => "email",
                    IdentityKind.Phone => "phone",
                    _ => "anonymousId",
                }, c.Value);
            _json.WriteString("type", e.Type);
            _json.WriteString("channel", e.Channel);
            _json.WriteString("occurredAt", Time(e));
            if (e.PropertiesJson is { } p)
            {
                _json.WritePropertyName("properties");
                _json.WriteRawValue(OneLine(p)!, skipInputValidation: true);
            }
            if (e.Value is { } v) _json.WriteNumber("value", v);
            if (e.Currency is { } cur) _json.WriteString("currency", cur);
            _json.WriteEndObject();
            _json.Flush();
            _json.Reset();
            output.Write(NewLine);
            return ValueTask.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            await _json.DisposeAsync();
            await output.FlushAsync();
        }
    }
}
