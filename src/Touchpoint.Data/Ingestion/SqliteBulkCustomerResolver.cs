using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Data.Ingestion;

/// <summary>
/// SQLite: one lookup per handle kind (the batch's values passed as one JSON array), then one prepared insert per
/// new customer and its identity. Inside the write transaction, so no other writer can create the same handle
/// between the lookup and the insert.
/// </summary>
public sealed class SqliteBulkCustomerResolver : IBulkCustomerResolver
{
    public async Task<Dictionary<CustomerRef, long>> ResolveAsync(Store.TouchpointDb db, IReadOnlyCollection<CustomerRef> handles, DateTime nowUtc, CancellationToken ct)
    {
        var found = new Dictionary<CustomerRef, long>(handles.Count);
        if (handles.Count == 0) return found;
        var conn = (SqliteConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        var tx = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var group in handles.GroupBy(h => h.Kind))
        {
            await using var lookup = conn.CreateCommand();
            lookup.Transaction = tx;
            lookup.CommandText = "SELECT value, customer_id FROM customer_identities WHERE kind = $kind AND value IN (SELECT value FROM json_each($values))";
            lookup.Parameters.AddWithValue("$kind", (int)group.Key);
            lookup.Parameters.AddWithValue("$values", JsonSerializer.Serialize(group.Select(h => h.Value)));
            await using var reader = await lookup.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) found[new CustomerRef(group.Key, reader.GetString(0))] = reader.GetInt64(1);
        }
        var missing = handles.Where(h => !found.ContainsKey(h)).ToList();
        if (missing.Count == 0) return found;

        using var customer = new SqliteRowStatement(conn,
            "INSERT INTO customers (external_id, name, email, phone, segment, attributes_json, created_at_utc) VALUES (?1,?2,?3,?4,?5,?6,?7) RETURNING id");
        using var identity = new SqliteRowStatement(conn,
            "INSERT INTO customer_identities (customer_id, kind, value, created_at_utc) VALUES (?1,?2,?3,?4)");
        foreach (var handle in missing)
        {
            var c = CustomerResolver.NewCustomer(handle, nowUtc);
            customer.Text(1, c.ExternalId);
            customer.Text(2, c.Name);
            customer.Text(3, c.Email);
            customer.Text(4, c.Phone);
            customer.Text(5, c.Segment);
            customer.Text(6, c.AttributesJson);
            customer.Time(7, c.CreatedAtUtc);
            var id = customer.ExecuteScalarInt64() ?? throw new InvalidOperationException("INSERT ... RETURNING gave no id.");
            identity.Int64(1, id);
            identity.Int64(2, (int)handle.Kind);
            identity.Text(3, handle.Value);
            identity.Time(4, nowUtc);
            identity.Execute();
            found[handle] = id;
        }
        return found;
    }
}
