using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // FTS5 indexes over ticket subjects and message bodies, kept in step by triggers (external content: the
            // text is stored once). A split moves messages by updating ticket_id, which the update trigger follows.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE tickets_fts USING fts5(subject, content='tickets', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
                CREATE TRIGGER tickets_fts_ai AFTER INSERT ON tickets BEGIN
                  INSERT INTO tickets_fts(rowid, subject) VALUES (new.id, new.subject);
                END;
                CREATE TRIGGER tickets_fts_ad AFTER DELETE ON tickets BEGIN
                  INSERT INTO tickets_fts(tickets_fts, rowid, subject) VALUES ('delete', old.id, old.subject);
                END;
                CREATE TRIGGER tickets_fts_au AFTER UPDATE OF subject ON tickets BEGIN
                  INSERT INTO tickets_fts(tickets_fts, rowid, subject) VALUES ('delete', old.id, old.subject);
                  INSERT INTO tickets_fts(rowid, subject) VALUES (new.id, new.subject);
                END;
                INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild');
                CREATE VIRTUAL TABLE ticket_messages_fts USING fts5(body, content='ticket_messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
                CREATE TRIGGER ticket_messages_fts_ai AFTER INSERT ON ticket_messages BEGIN
                  INSERT INTO ticket_messages_fts(rowid, body) VALUES (new.id, new.body);
                END;
                CREATE TRIGGER ticket_messages_fts_ad AFTER DELETE ON ticket_messages BEGIN
                  INSERT INTO ticket_messages_fts(ticket_messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
                END;
                CREATE TRIGGER ticket_messages_fts_au AFTER UPDATE OF body ON ticket_messages BEGIN
                  INSERT INTO ticket_messages_fts(ticket_messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
                  INSERT INTO ticket_messages_fts(rowid, body) VALUES (new.id, new.body);
                END;
                INSERT INTO ticket_messages_fts(ticket_messages_fts) VALUES ('rebuild');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS tickets_fts_ai; DROP TRIGGER IF EXISTS tickets_fts_ad; DROP TRIGGER IF EXISTS tickets_fts_au;
                DROP TABLE IF EXISTS tickets_fts;
                DROP TRIGGER IF EXISTS ticket_messages_fts_ai; DROP TRIGGER IF EXISTS ticket_messages_fts_ad; DROP TRIGGER IF EXISTS ticket_messages_fts_au;
                DROP TABLE IF EXISTS ticket_messages_fts;
                """);
        }
    }
}
