using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Ingestion;

/// <summary>Outcome of one intake call: what was stored, what was already there, what was refused and why.</summary>
public sealed record IngestReport(int Accepted, int Duplicates, IReadOnlyList<RejectedRow> Rejected)
{
    public int Received => Accepted + Duplicates + Rejected.Count;
}

/// <summary>A refused input record, with its position (0-based index in a batch, or line number in a file).</summary>
public sealed record RejectedRow(int Index, IReadOnlyList<FieldError> Errors);

/// <summary>
/// The one intake path for touchpoint events (API batch, CLI import, webhooks, snippet): validate, resolve
/// customers, write in bulk, answer with what happened to each record.
/// </summary>
public sealed class EventIngestion(TouchpointDb db, IEventWriter writer, TimeProvider clock)
{
    public const int MaxBatch = 10_000;

    /// <param name="allOrNothing">When true, one bad record means nothing is stored.</param>
    /// <param name="indexBase">Added to positions in the report (1 for line numbers of a file with no header).</param>
    public async Task<IngestReport> IngestAsync(IReadOnlyList<EventInput> inputs, string source, bool allOrNothing = false,
        int indexBase = 0, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var valid = new List<ValidEvent>(inputs.Count);
        var rejected = new List<RejectedRow>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var (ev, errors) = EventValidator.Validate(inputs[i], now);
            if (ev is null) rejected.Add(new RejectedRow(i + indexBase, errors));
            else valid.Add(ev);
        }
        if (rejected.Count > 0 && allOrNothing) return new IngestReport(0, 0, rejected);
        return await WriteAsync(valid, rejected, source, now.UtcDateTime, ct);
    }

    private async Task<IngestReport> WriteAsync(List<ValidEvent> valid, List<RejectedRow> rejected, string source, DateTime nowUtc, CancellationToken ct)
    {
        // Within one batch the first record with an id wins; later copies count as duplicates.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<ValidEvent>(valid.Count);
        foreach (var v in valid) if (seen.Add(v.ClientEventId)) unique.Add(v);
        var inBatchDuplicates = valid.Count - unique.Count;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var customers = await CustomerResolver.ResolveAsync(db, unique.Select(u => u.Customer), nowUtc, ct);
        var rows = unique.Select(v => new TouchpointEvent
        {
            ClientEventId = v.ClientEventId,
            CustomerId = customers[v.Customer],
            Type = v.Type,
            Channel = v.Channel,
            OccurredAtUtc = v.OccurredAtUtc,
            OffsetMinutes = v.OffsetMinutes,
            ReceivedAtUtc = nowUtc,
            PropertiesJson = v.PropertiesJson,
            Value = v.Value,
            Currency = v.Currency,
            Source = source,
        }).ToList();
        var inserted = await writer.InsertAsync(db, rows, ct);
        await tx.CommitAsync(ct);
        var accepted = inserted.Count(x => x);
        return new IngestReport(accepted, unique.Count - accepted + inBatchDuplicates, rejected);
    }
}
