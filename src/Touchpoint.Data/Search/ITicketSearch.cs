using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Store;

namespace Touchpoint.Data.Search;

/// <summary>
/// Full-text search over tickets (subject) and their messages (body, notes included: agents search their own notes
/// too) with the store's own engine, like <see cref="ICustomerSearch"/>. Every word must match, as a prefix, within
/// the subject or within one message.
/// </summary>
public interface ITicketSearch
{
    /// <summary>Ids of tickets whose subject, or one of whose messages, match every word.</summary>
    IQueryable<long> Matching(TouchpointDb db, string text);
}

public sealed class SqliteTicketSearch : ITicketSearch
{
    public IQueryable<long> Matching(TouchpointDb db, string text)
    {
        var match = SearchTerms.Fts5Match(text);
        return db.Database.SqlQuery<long>($"""
            SELECT rowid AS "Value" FROM tickets_fts WHERE tickets_fts MATCH {match}
            UNION SELECT m.ticket_id FROM ticket_messages_fts f JOIN ticket_messages m ON m.id = f.rowid WHERE ticket_messages_fts MATCH {match}
            """);
    }
}

public sealed class PostgresTicketSearch : ITicketSearch
{
    public IQueryable<long> Matching(TouchpointDb db, string text)
    {
        var query = SearchTerms.TsQuery(text);
        return db.Database.SqlQuery<long>($"""
            SELECT id AS "Value" FROM tickets WHERE search_vector @@ to_tsquery('simple', {query})
            UNION SELECT ticket_id FROM ticket_messages WHERE search_vector @@ to_tsquery('simple', {query})
            """);
    }
}
