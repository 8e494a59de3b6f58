using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VoiceNoteSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A generated tsvector over title and text with a GIN index; punctuation becomes space first, as in TicketSearch.
            migrationBuilder.Sql("""
                ALTER TABLE qualitative_notes ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                  to_tsvector('simple', regexp_replace(coalesce(title, '') || ' ' || coalesce(text, ''), '[^[:alnum:]]+', ' ', 'g'))) STORED;
                CREATE INDEX ix_qualitative_notes_search_vector ON qualitative_notes USING GIN (search_vector);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_qualitative_notes_search_vector; ALTER TABLE qualitative_notes DROP COLUMN IF EXISTS search_vector;
                """);
        }
    }
}
