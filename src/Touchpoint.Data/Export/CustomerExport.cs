using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Import;
using Touchpoint.Data.Store;

namespace Touchpoint.Data.Export;

/// <summary>
/// Writes every customer (merged profiles left out) in the import formats, in id order with keyset paging.
/// CSV carries the attributes as one JSON column, since the set of attribute names is only known at the end.
/// </summary>
public static class CustomerExport
{
    public const int PageSize = 5_000;

    public static async Task<long> WriteAsync(TouchpointDb db, Stream output, FileFormat format, IProgress<long>? progress, CancellationToken ct)
    {
        CsvWriter? csv = null;
        if (format == FileFormat.Csv)
        {
            csv = CsvWriter.Create(output, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
            csv.WriteHeader([.. CustomerCsvReader.Columns]);
        }
        long after = 0, written = 0;
        try
        {
            while (true)
            {
                var page = await db.Customers.AsNoTracking().Where(c => c.Id > after && c.MergedIntoId == null)
                    .OrderBy(c => c.Id).Take(PageSize).ToListAsync(ct);
                if (page.Count == 0) break;
                foreach (var c in page)
                {
                    var attributes = EventExport.OneLine(string.IsNullOrEmpty(c.AttributesJson) ? "{}" : c.AttributesJson)!;
                    if (csv is not null)
                    {
                        await csv.WriteRecordAsync([c.ExternalId, c.Name, c.Email, c.Phone, c.Segment, attributes == "{}" ? null : attributes], ct);
                        continue;
                    }
                    var line = JsonSerializer.Serialize(new CustomerRecord
                    {
                        ExternalId = c.ExternalId, Name = c.Name, Email = c.Email, Phone = c.Phone, Segment = c.Segment,
                        Attributes = JsonSerializer.Deserialize<Dictionary<string, string?>>(attributes),
                    }, JsonLinesWriting.Options);
                    await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line + "\n"), ct);
                }
                written += page.Count;
                after = page[^1].Id;
                progress?.Report(written);
            }
        }
        finally
        {
            if (csv is not null) await csv.DisposeAsync();
        }
        return written;
    }
}

internal static class JsonLinesWriting
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
