using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Ingestion;

/// <summary>
/// Bulk path for touchpoint events, bypassing the ORM (prepared batched inserts on SQLite, binary COPY on
/// PostgreSQL). Duplicate client event ids are skipped, not errors.
/// </summary>
public interface IEventWriter
{
    /// <summary>Inserts events; returns one flag per event, false where its client event id was already stored.</summary>
    Task<bool[]> InsertAsync(Store.TouchpointDb db, IReadOnlyList<TouchpointEvent> events, CancellationToken ct);

    /// <summary>Inserts events with ids already assigned into a store known to hold none of them (demo loads).</summary>
    Task InsertWithIdsAsync(Store.TouchpointDb db, IReadOnlyList<TouchpointEvent> events, CancellationToken ct);
}
