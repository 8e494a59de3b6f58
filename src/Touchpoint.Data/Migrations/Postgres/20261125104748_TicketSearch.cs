using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TicketSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Generated tsvector columns with GIN indexes; punctuation becomes space first, as in CustomerSearch,
            // so "order 4711-B" finds "4711" the way SQLite's tokenizer does.
            migrationBuilder.Sql("""
                ALTER TABLE tickets ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                  to_tsvector('simple', regexp_replace(coalesce(subject, ''), '[^[:alnum:]]+', ' ', 'g'))) STORED;
                CREATE INDEX ix_tickets_search_vector ON tickets USING GIN (search_vector);
                ALTER TABLE ticket_messages ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                  to_tsvector('simple', regexp_replace(coalesce(body, ''), '[^[:alnum:]]+', ' ', 'g'))) STORED;
                CREATE INDEX ix_ticket_messages_search_vector ON ticket_messages USING GIN (search_vector);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_tickets_search_vector; ALTER TABLE tickets DROP COLUMN IF EXISTS search_vector;
                DROP INDEX IF EXISTS ix_ticket_messages_search_vector; ALTER TABLE ticket_messages DROP COLUMN IF EXISTS search_vector;
                """);
        }
    }
}
