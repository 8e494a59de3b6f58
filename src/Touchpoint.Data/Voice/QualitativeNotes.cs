using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Search;
using Touchpoint.Data.Store;
using Touchpoint.Domain.Voice;

namespace Touchpoint.Data.Voice;

/// <summary>A note with its tags, as the API, the pages and the journey map show it.</summary>
public sealed record NoteView(long Id, string Kind, string Title, string Text, string Author, DateOnly NotedOn,
    IReadOnlyList<string> Stages, IReadOnlyList<string> Touchpoints, IReadOnlyList<long> CustomerIds, DateTime UpdatedAt);

/// <summary>Which notes to list: full text (every word, as a prefix, in title or text) and tags; all optional.</summary>
public sealed record NoteFilter(string? Text = null, string? Stage = null, string? Touchpoint = null, long? CustomerId = null, string? Kind = null, int Take = 100);

/// <summary>
/// Interview and observation notes: stored with their tags (rewritten on every save), searched with the store's own
/// full-text engine (FTS5 on SQLite, a tsvector on PostgreSQL; migration VoiceNoteSearch), listed newest day first.
/// </summary>
public static class QualitativeNotes
{
    public static async Task<(NoteView? Note, IReadOnlyList<(string Field, string Message)> Errors)> SaveAsync(TouchpointDb db, long? id, NoteDraft d, DateTime nowUtc, CancellationToken ct)
    {
        var errors = NoteRules.Validate(d, DateOnly.FromDateTime(nowUtc)).ToList();
        var customers = (d.CustomerIds ?? []).Distinct().ToList();
        if (errors.Count == 0 && customers.Count > 0)
        {
            var known = await db.Customers.Where(c => customers.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
            foreach (var missing in customers.Except(known)) errors.Add(("customerIds", $"no customer has id {missing}"));
        }
        var note = id is { } existing ? await db.Set<QualitativeNote>().FirstOrDefaultAsync(n => n.Id == existing, ct) : new QualitativeNote { CreatedAtUtc = nowUtc };
        if (note is null || errors.Count > 0) return (null, errors);
        note.Kind = d.Kind!.Trim().ToLowerInvariant();
        note.Title = d.Title!.Trim();
        note.Text = d.Text!.Replace("\r\n", "\n").Trim();
        note.Author = d.Author?.Trim() ?? "";
        note.NotedOn = d.NotedOn!.Value;
        note.UpdatedAtUtc = nowUtc;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (id is null) db.Set<QualitativeNote>().Add(note);
        await db.SaveChangesAsync(ct);
        await db.Set<NoteTag>().Where(t => t.NoteId == note.Id).ExecuteDeleteAsync(ct);
        db.Set<NoteTag>().AddRange(Tags(note.Id, NoteTag.Stage, d.Stages).Concat(Tags(note.Id, NoteTag.Touchpoint, d.Touchpoints))
            .Concat(customers.Select(c => new NoteTag { NoteId = note.Id, Kind = NoteTag.Customer, Value = c.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ((await ListAsync(db, new NoteFilter(), [note.Id], ct)).Single(), []);
    }

    private static IEnumerable<NoteTag> Tags(long noteId, string kind, IReadOnlyList<string>? values) =>
        (values ?? []).Select(v => v.Trim().ToLowerInvariant()).Distinct().Select(v => new NoteTag { NoteId = noteId, Kind = kind, Value = v });

    public static async Task<bool> DeleteAsync(TouchpointDb db, long id, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<NoteTag>().Where(t => t.NoteId == id).ExecuteDeleteAsync(ct);
        var deleted = await db.Set<QualitativeNote>().Where(n => n.Id == id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return deleted > 0;
    }

    public static async Task<IReadOnlyList<NoteView>> ListAsync(TouchpointDb db, NoteFilter f, IReadOnlyList<long>? ids, CancellationToken ct)
    {
        var q = db.Set<QualitativeNote>().AsNoTracking();
        if (ids is not null) q = q.Where(n => ids.Contains(n.Id));
        if (f.Kind is { Length: > 0 } kind) q = q.Where(n => n.Kind == kind);
        if (f.Text is { } text && SearchTerms.Words(text).Count > 0)
        {
            var matching = Matching(db, text);
            q = q.Where(n => matching.Contains(n.Id));
        }
        var tags = db.Set<NoteTag>();
        if (f.Stage is { Length: > 0 } stage) q = q.Where(n => tags.Any(t => t.NoteId == n.Id && t.Kind == NoteTag.Stage && t.Value == stage.ToLowerInvariant()));
        if (f.Touchpoint is { Length: > 0 } tp) q = q.Where(n => tags.Any(t => t.NoteId == n.Id && t.Kind == NoteTag.Touchpoint && t.Value == tp.ToLowerInvariant()));
        if (f.CustomerId is { } c)
        {
            var value = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            q = q.Where(n => tags.Any(t => t.NoteId == n.Id && t.Kind == NoteTag.Customer && t.Value == value));
        }
        var notes = await q.OrderByDescending(n => n.NotedOn).ThenByDescending(n => n.Id).Take(Math.Clamp(f.Take, 1, 500)).ToListAsync(ct);
        var noteIds = notes.Select(n => n.Id).ToList();
        var allTags = (await tags.AsNoTracking().Where(t => noteIds.Contains(t.NoteId)).ToListAsync(ct)).ToLookup(t => t.NoteId);
        return notes.Select(n => new NoteView(n.Id, n.Kind, n.Title, n.Text, n.Author, n.NotedOn,
            allTags[n.Id].Where(t => t.Kind == NoteTag.Stage).Select(t => t.Value).Order().ToList(),
            allTags[n.Id].Where(t => t.Kind == NoteTag.Touchpoint).Select(t => t.Value).Order().ToList(),
            allTags[n.Id].Where(t => t.Kind == NoteTag.Customer).Select(t => long.Parse(t.Value, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList(),
            n.UpdatedAtUtc)).ToList();
    }

    /// <summary>Ids of notes whose title or text hold every word (as a prefix).</summary>
    private static IQueryable<long> Matching(TouchpointDb db, string text) => db.Provider == StoreProvider.Sqlite
        ? db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM qualitative_notes_fts WHERE qualitative_notes_fts MATCH {SearchTerms.Fts5Match(text)}""")
        : db.Database.SqlQuery<long>($"""SELECT id AS "Value" FROM qualitative_notes WHERE search_vector @@ to_tsquery('simple', {SearchTerms.TsQuery(text)})""");
}
