using System.Text;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;

namespace Touchpoint.Data.Search;

/// <summary>
/// Full-text search over customers with the store's own engine (SQLite FTS5, PostgreSQL tsvector), so a
/// small team needs no separate search server.
/// </summary>
public interface ICustomerSearch
{
    /// <summary>Ids of customers whose name, email, phone or external id match every word (as a prefix).</summary>
    IQueryable<long> Matching(TouchpointDb db, string text);
}

public sealed class SqliteCustomerSearch : ICustomerSearch
{
    public IQueryable<long> Matching(TouchpointDb db, string text)
    {
        var match = SearchTerms.Fts5Match(text);
        return db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM customers_fts WHERE customers_fts MATCH {match}");
    }
}

public sealed class PostgresCustomerSearch : ICustomerSearch
{
    public IQueryable<long> Matching(TouchpointDb db, string text)
    {
        var query = SearchTerms.TsQuery(text);
        return db.Database.SqlQuery<long>($"SELECT id AS \"Value\" FROM customers WHERE search_vector @@ to_tsquery('simple', {query})");
    }
}

/// <summary>Splits what a person typed into safe search words (letters and digits only).</summary>
public static class SearchTerms
{
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var ch in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch)) sb.Append(ch);
            else if (sb.Length > 0) { words.Add(sb.ToString()); sb.Clear(); }
        }
        if (sb.Length > 0) words.Add(sb.ToString());
        return words.Take(8).ToList();
    }

    /// <summary>An FTS5 MATCH expression: every word, quoted (no operators get through), as a prefix.</summary>
    public static string Fts5Match(string text) => string.Join(" ", Words(text).Select(w => "\"" + w + "\"*"));

    /// <summary>A PostgreSQL tsquery: every word as a prefix, all required.</summary>
    public static string TsQuery(string text) => string.Join(" & ", Words(text).Select(w => w + ":*"));
}
