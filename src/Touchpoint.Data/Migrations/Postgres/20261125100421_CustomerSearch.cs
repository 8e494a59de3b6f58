using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CustomerSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Punctuation becomes space first so that "ana.souza@example.com" is searchable by "souza", as on SQLite.
            migrationBuilder.Sql("""
                ALTER TABLE customers ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                  to_tsvector('simple', regexp_replace(
                    coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(external_id, ''),
                    '[^[:alnum:]]+', ' ', 'g'))) STORED;
                CREATE INDEX ix_customers_search_vector ON customers USING GIN (search_vector);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_customers_search_vector; ALTER TABLE customers DROP COLUMN IF EXISTS search_vector;");
        }
    }
}
