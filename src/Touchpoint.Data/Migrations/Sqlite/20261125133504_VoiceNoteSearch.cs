using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VoiceNoteSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // FTS5 over note titles and texts, kept in step by triggers (external content: the text is stored once).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE qualitative_notes_fts USING fts5(title, text, content='qualitative_notes', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
                CREATE TRIGGER qualitative_notes_fts_ai AFTER INSERT ON qualitative_notes BEGIN
                  INSERT INTO qualitative_notes_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
                END;
                CREATE TRIGGER qualitative_notes_fts_ad AFTER DELETE ON qualitative_notes BEGIN
                  INSERT INTO qualitative_notes_fts(qualitative_notes_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
                END;
                CREATE TRIGGER qualitative_notes_fts_au AFTER UPDATE OF title, text ON qualitative_notes BEGIN
                  INSERT INTO qualitative_notes_fts(qualitative_notes_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
                  INSERT INTO qualitative_notes_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
                END;
                INSERT INTO qualitative_notes_fts(qualitative_notes_fts) VALUES ('rebuild');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS qualitative_notes_fts_ai; DROP TRIGGER IF EXISTS qualitative_notes_fts_ad; DROP TRIGGER IF EXISTS qualitative_notes_fts_au;
                DROP TABLE IF EXISTS qualitative_notes_fts;
                """);
        }
    }
}
