using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Customers;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Journeys;

namespace Touchpoint.Data.Import;

/// <summary>
/// Imports customers from CSV or JSON lines, upserting: a row updates the customer with its external id; without
/// one (or when no customer has it) a customer whose email, else phone, matches is updated if it has no other
/// external id (so profiles that events created are completed, not duplicated); otherwise a customer is created.
/// A row replaces name, email, phone and segment, sets the attributes it names and keeps the rest; identity links
/// are added as <see cref="CustomerHandles"/> says. A handle that belongs to another customer makes the row bad.
/// All-or-nothing runs the whole file in one transaction and rolls it back if any row is bad.
/// </summary>
public sealed class CustomerFileImport(TouchpointDbFactory factory, TimeProvider clock)
{
    public const int ChunkSize = 1000;

    public Task<FileImportReport> ImportFileAsync(string path, FileFormat format, FileImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        ImportAsync(() => File.OpenRead(path), format, options, progress, ct);

    public async Task<FileImportReport> ImportAsync(Func<Stream> open, FileFormat format, FileImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var rejected = new RejectionLog(options.MaxReportedRows);
        long rows = 0;
        var counts = new Counts();
        await using var db = factory.Create();
        await using var whole = options.AllOrNothing ? await db.Database.BeginTransactionAsync(ct) : null;
        var chunk = new List<(int Line, CustomerRecord Record)>(ChunkSize);
        await using (var stream = open())
        {
            foreach (var row in Rows(stream, format))
            {
                rows++;
                if (row.Value is not { } r)
                {
                    rejected.Add(row.Line, row.Errors!);
                    continue;
                }
                var errors = CustomerFieldRules.Check(r.Name, r.ExternalId, r.Email, r.Phone, r.Segment, r.Attributes?.Count ?? 0);
                if (errors.Count > 0) rejected.Add(row.Line, errors);
                else chunk.Add((row.Line, r));
                if (chunk.Count < ChunkSize) continue;
                await ApplyAsync(db, chunk, nowUtc, rejected, counts, ct);
                progress?.Report(new ImportProgress(rows, counts.Created + counts.Updated, 0, rejected.Count, Validating: false));
            }
        }
        await ApplyAsync(db, chunk, nowUtc, rejected, counts, ct);
        if (whole is not null)
        {
            if (rejected.Count > 0)
            {
                await whole.RollbackAsync(ct);
                return new FileImportReport(rows, 0, 0, rejected.Count, rejected.Rows());
            }
            await whole.CommitAsync(ct);
        }
        return new FileImportReport(rows, counts.Created + counts.Updated, 0, rejected.Count, rejected.Rows())
        {
            Created = counts.Created,
            Updated = counts.Updated,
        };
    }

    private sealed class Counts
    {
        public long Created;
        public long Updated;
    }

    private static IEnumerable<FileRow<CustomerRecord>> Rows(Stream stream, FileFormat format) =>
        format == FileFormat.Csv ? CustomerCsvReader.Read(stream) : JsonLinesReader.Read<CustomerRecord>(stream);

    private static List<(IdentityKind Kind, string Value)> HandlesOf(CustomerRecord r) =>
        CustomerHandles.Of(new Customer { ExternalId = Clean(r.ExternalId), Email = Clean(r.Email), Phone = Clean(r.Phone) }).ToList();

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static async Task ApplyAsync(TouchpointDb db, List<(int Line, CustomerRecord Record)> chunk, DateTime nowUtc,
        RejectionLog rejected, Counts counts, CancellationToken ct)
    {
        if (chunk.Count == 0) return;
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var handles = chunk.Select(c => HandlesOf(c.Record)).ToList();

        // Who owns each handle the chunk mentions, as tracked entities so rows can update them.
        var stored = new Dictionary<(IdentityKind, string), long>();
        foreach (var group in handles.SelectMany(h => h).Distinct().GroupBy(h => h.Kind))
        {
            var kind = group.Key;
            foreach (var part in group.Select(h => h.Value).Chunk(500))
                foreach (var i in await db.CustomerIdentities.AsNoTracking().Where(i => i.Kind == kind && part.Contains(i.Value))
                             .Select(i => new { i.Value, i.CustomerId }).ToListAsync(ct))
                    stored[(kind, i.Value)] = i.CustomerId;
        }
        var byId = new Dictionary<long, Customer>();
        foreach (var part in stored.Values.Distinct().Chunk(500))
            foreach (var c in await db.Customers.Where(c => part.Contains(c.Id)).ToListAsync(ct)) byId[c.Id] = c;
        var owners = stored.Where(kv => byId.ContainsKey(kv.Value)).ToDictionary(kv => kv.Key, kv => byId[kv.Value]);
        var newAt = new Dictionary<Customer, int>(ReferenceEqualityComparer.Instance);
        var links = new List<(Customer Customer, (IdentityKind Kind, string Value) Handle)>();

        for (var n = 0; n < chunk.Count; n++)
        {
            var (line, r) = chunk[n];
            var mine = handles[n];
            var target = Match(r, mine, owners);
            var errors = new List<FieldError>();
            foreach (var h in mine)
                if (owners.TryGetValue(h, out var owner) && !ReferenceEquals(owner, target))
                    errors.Add(new FieldError(FieldOf(h.Kind), newAt.TryGetValue(owner, out var other)
                        ? $"'{h.Value}' is already given to another customer by line {other}"
                        : CustomerHandles.Taken(h.Kind, h.Value, owner.Id)));
            if (errors.Count > 0)
            {
                rejected.Add(line, errors);
                continue;
            }
            if (target is null)
            {
                target = new Customer { CreatedAtUtc = nowUtc };
                db.Customers.Add(target);
                newAt[target] = line;
                counts.Created++;
            }
            else counts.Updated++;
            Apply(target, r);
            foreach (var h in mine)
            {
                if (owners.TryAdd(h, target)) links.Add((target, h));
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var (customer, (kind, value)) in links)
            db.CustomerIdentities.Add(new CustomerIdentity { CustomerId = customer.Id, Kind = kind, Value = value, CreatedAtUtc = nowUtc });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        chunk.Clear();
        if (tx is not null) await tx.CommitAsync(ct);
    }

    /// <summary>The customer a row updates: by external id, else by email or phone when that customer has no other external id.</summary>
    private static Customer? Match(CustomerRecord r, List<(IdentityKind Kind, string Value)> handles, Dictionary<(IdentityKind, string), Customer> owners)
    {
        var external = handles.FirstOrDefault(h => h.Kind == IdentityKind.External);
        if (external.Value is not null && owners.TryGetValue(external, out var byExternal)) return byExternal;
        foreach (var h in handles.Where(h => h.Kind != IdentityKind.External))
            if (owners.TryGetValue(h, out var c) && (c.ExternalId is null || external.Value is null)) return c;
        return null;
    }

    private static void Apply(Customer c, CustomerRecord r)
    {
        c.Name = r.Name!.Trim();
        if (Clean(r.ExternalId) is { } external) c.ExternalId = external; // the key is set, never cleared by an empty cell
        c.Email = Clean(r.Email);
        c.Phone = Clean(r.Phone);
        c.Segment = r.Segment?.Trim().ToLowerInvariant() ?? "";
        if (r.Attributes is { Count: > 0 } changes)
        {
            var attributes = JsonSerializer.Deserialize<Dictionary<string, string>>(string.IsNullOrEmpty(c.AttributesJson) ? "{}" : c.AttributesJson) ?? [];
            foreach (var (key, value) in changes)
            {
                if (string.IsNullOrWhiteSpace(value)) attributes.Remove(key);
                else attributes[key] = value.Trim();
            }
            c.AttributesJson = JsonSerializer.Serialize(attributes);
        }
    }

    private static string FieldOf(IdentityKind kind) => kind switch
    {
        IdentityKind.External => "externalId",
        IdentityKind.Email => "email",
        IdentityKind.Phone => "phone",
        _ => "anonymousId",
    };
}
