using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // FTS5 index over customers, kept in step by triggers (external content: no second copy of the text).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE customers_fts USING fts5(name, email, phone, external_id, content='customers', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
                CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN
                  INSERT INTO customers_fts(rowid, name, email, phone, external_id) VALUES (new.id, new.name, new.email, new.phone, new.external_id);
                END;
                CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN
                  INSERT INTO customers_fts(customers_fts, rowid, name, email, phone, external_id) VALUES ('delete', old.id, old.name, old.email, old.phone, old.external_id);
                END;
                CREATE TRIGGER customers_fts_au AFTER UPDATE ON customers BEGIN
                  INSERT INTO customers_fts(customers_fts, rowid, name, email, phone, external_id) VALUES ('delete', old.id, old.name, old.email, old.phone, old.external_id);
                  INSERT INTO customers_fts(rowid, name, email, phone, external_id) VALUES (new.id, new.name, new.email, new.phone, new.external_id);
                END;
                INSERT INTO customers_fts(customers_fts) VALUES ('rebuild');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS customers_fts_ai;
                DROP TRIGGER IF EXISTS customers_fts_ad;
                DROP TRIGGER IF EXISTS customers_fts_au;
                DROP TABLE IF EXISTS customers_fts;
                """);
        }
    }
}
