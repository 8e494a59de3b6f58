using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Ingestion;

/// <summary>Outcome of one intake call: what was stored, what was already there, what was refused and why.</summary>
public sealed record IngestReport(int Accepted, int Duplicates, IReadOnlyList<RejectedRow> Rejected)
{
    public int Received => Accepted + Duplicates + Rejected.Count;
}

/// <summary>Validated records ready for the store, with the refused ones and the time they were received.</summary>
public sealed record PreparedBatch(IReadOnlyList<ValidEvent> Valid, IReadOnlyList<RejectedRow> Rejected, DateTime NowUtc);

/// <summary>A refused input record, with its position (0-based index in a batch, or line number in a file).</summary>
public sealed record RejectedRow(int Index, IReadOnlyList<FieldError> Errors);

/// <summary>
/// The one intake path for touchpoint events (API batch, CLI import, webhooks, snippet): validate, resolve
/// customers, write in bulk, answer with what happened to each record.
/// </summary>
public sealed class EventIngestion(TouchpointDb db, IEventWriter writer, IBulkCustomerResolver customers, IntakeWriteGate gate, TimeProvider clock)
{
    public const int MaxBatch = 10_000;

    /// <param name="allOrNothing">When true, one bad record means nothing is stored.</param>
    /// <param name="indexBase">Added to positions in the report (1 for line numbers of a file with no header).</param>
    public async Task<IngestReport> IngestAsync(IReadOnlyList<EventInput> inputs, string source, bool allOrNothing = false,
        int indexBase = 0, CancellationToken ct = default)
    {
        var batch = Prepare(inputs, clock.GetUtcNow(), indexBase);
        if (batch.Rejected.Count > 0 && allOrNothing) return new IngestReport(0, 0, batch.Rejected);
        return await WriteAsync(batch, source, ct);
    }

    /// <summary>
    /// The CPU half of intake: validates every record. Pure, so a file import can prepare the next chunk on one core
    /// while <see cref="WriteAsync"/> stores the previous one.
    /// </summary>
    public static PreparedBatch Prepare(IReadOnlyList<EventInput> inputs, DateTimeOffset now, int indexBase = 0)
    {
        var valid = new List<ValidEvent>(inputs.Count);
        var rejected = new List<RejectedRow>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var (ev, errors) = EventValidator.Validate(inputs[i], now);
            if (ev is null) rejected.Add(new RejectedRow(i + indexBase, errors));
            else valid.Add(ev);
        }
        return new PreparedBatch(valid, rejected, now.UtcDateTime);
    }

    /// <summary>The store half of intake: resolves customers and writes the valid events of a prepared batch.</summary>
    public Task<IngestReport> WriteAsync(PreparedBatch batch, string source, CancellationToken ct = default) =>
        WriteAsync(batch.Valid, batch.Rejected, source, batch.NowUtc, ct);

    private async Task<IngestReport> WriteAsync(IReadOnlyList<ValidEvent> valid, IReadOnlyList<RejectedRow> rejected, string source, DateTime nowUtc, CancellationToken ct)
    {
        // Within one batch the first record with an id wins; later copies count as duplicates.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<ValidEvent>(valid.Count);
        foreach (var v in valid) if (seen.Add(v.ClientEventId)) unique.Add(v);
        var inBatchDuplicates = valid.Count - unique.Count;

        var handles = new HashSet<Domain.Customers.CustomerRef>();
        foreach (var v in unique) handles.Add(v.Customer);
        using var turn = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = await customers.ResolveAsync(db, handles, nowUtc, ct);
        var rows = unique.Select(v => new TouchpointEvent
        {
            ClientEventId = v.ClientEventId,
            CustomerId = ids[v.Customer],
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
