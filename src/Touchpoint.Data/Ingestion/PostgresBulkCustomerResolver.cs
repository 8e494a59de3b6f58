using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Data.Ingestion;

/// <summary>
/// PostgreSQL: one <c>= ANY</c> lookup per handle kind, then the new customers' ids taken from the table's sequence
/// in one call and customers and identities written with one <c>INSERT ... SELECT FROM unnest(...)</c> each: four
/// round trips per batch however many customers are new, plus a lock and a second look for the new handles so that
/// concurrent batches naming the same new customer create it once.
/// </summary>
public sealed class PostgresBulkCustomerResolver : IBulkCustomerResolver
{
    public async Task<Dictionary<CustomerRef, long>> ResolveAsync(Store.TouchpointDb db, IReadOnlyCollection<CustomerRef> handles, DateTime nowUtc, CancellationToken ct)
    {
        var found = new Dictionary<CustomerRef, long>(handles.Count);
        if (handles.Count == 0) return found;
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        var tx = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        await LookUpAsync(conn, tx, handles, found, ct);
        var missing = handles.Where(h => !found.ContainsKey(h)).ToList();
        if (missing.Count == 0) return found;

        // Two batches may name the same new handle at once. Each takes a lock per new handle, all in one order so two
        // batches cannot wait on each other, and looks again: the second finds the customer the first created. The
        // locks come before any event is copied, so they cannot deadlock with a wait on an event id either.
        await using (var lockHandles = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(h, 0) AS k FROM unnest($1) h ORDER BY k) s", conn, tx))
        {
            lockHandles.Parameters.Add(Array(missing.Select(h => h.ToString()).ToArray(), NpgsqlDbType.Text));
            await lockHandles.ExecuteNonQueryAsync(ct);
        }
        await LookUpAsync(conn, tx, missing, found, ct);
        missing = missing.Where(h => !found.ContainsKey(h)).ToList();
        if (missing.Count == 0) return found;

        var ids = new List<long>(missing.Count);
        await using (var next = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence('customers', 'id')) FROM generate_series(1, $1)", conn, tx))
        {
            next.Parameters.Add(new NpgsqlParameter { Value = missing.Count, NpgsqlDbType = NpgsqlDbType.Integer });
            await using var reader = await next.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        }
        var customers = missing.Select(h => CustomerResolver.NewCustomer(h, nowUtc)).ToList();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO customers (id, external_id, name, email, phone, segment, attributes_json, created_at_utc) " +
            "SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8)", conn, tx))
        {
            insert.Parameters.Add(Array(ids.ToArray(), NpgsqlDbType.Bigint));
            insert.Parameters.Add(Array(customers.Select(c => c.ExternalId).ToArray(), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(customers.Select(c => c.Name).ToArray(), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(customers.Select(c => c.Email).ToArray(), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(customers.Select(c => c.Phone).ToArray(), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(customers.Select(c => c.Segment).ToArray(), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(customers.Select(c => c.AttributesJson).ToArray(), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(customers.Select(c => c.CreatedAtUtc).ToArray(), NpgsqlDbType.TimestampTz));
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using (var link = new NpgsqlCommand(
            "INSERT INTO customer_identities (customer_id, kind, value, created_at_utc) SELECT * FROM unnest($1, $2, $3, $4)", conn, tx))
        {
            link.Parameters.Add(Array(ids.ToArray(), NpgsqlDbType.Bigint));
            link.Parameters.Add(Array(missing.Select(h => (int)h.Kind).ToArray(), NpgsqlDbType.Integer));
            link.Parameters.Add(Array(missing.Select(h => h.Value).ToArray(), NpgsqlDbType.Text));
            link.Parameters.Add(Array(missing.Select(_ => nowUtc).ToArray(), NpgsqlDbType.TimestampTz));
            await link.ExecuteNonQueryAsync(ct);
        }
        for (var i = 0; i < missing.Count; i++) found[missing[i]] = ids[i];
        return found;
    }

    private static async Task LookUpAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IEnumerable<CustomerRef> handles, Dictionary<CustomerRef, long> found, CancellationToken ct)
    {
        foreach (var group in handles.GroupBy(h => h.Kind))
        {
            await using var lookup = new NpgsqlCommand("SELECT value, customer_id FROM customer_identities WHERE kind = $1 AND value = ANY($2)", conn, tx);
            lookup.Parameters.Add(new NpgsqlParameter { Value = (int)group.Key, NpgsqlDbType = NpgsqlDbType.Integer });
            lookup.Parameters.Add(Array(group.Select(h => h.Value).ToArray(), NpgsqlDbType.Text));
            await using var reader = await lookup.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) found[new CustomerRef(group.Key, reader.GetString(0))] = reader.GetInt64(1);
        }
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType element) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | element };
}
