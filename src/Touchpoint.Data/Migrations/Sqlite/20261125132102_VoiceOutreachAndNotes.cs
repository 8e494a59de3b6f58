using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VoiceOutreachAndNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "survey_id",
                table: "survey_triggers",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "template_id",
                table: "survey_triggers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "note_tags",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    note_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_note_tags", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outreach_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    template_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    trigger_id = table.Column<long>(type: "INTEGER", nullable: true),
                    source_event_id = table.Column<long>(type: "INTEGER", nullable: true),
                    token = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    due_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sent_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outreach_templates",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_templates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "qualitative_notes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    noted_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_qualitative_notes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_note_tags_kind_value",
                table: "note_tags",
                columns: new[] { "kind", "value" });

            migrationBuilder.CreateIndex(
                name: "IX_note_tags_note_id",
                table: "note_tags",
                column: "note_id");

            migrationBuilder.CreateIndex(
                name: "IX_outreach_messages_customer_id_due_at_utc",
                table: "outreach_messages",
                columns: new[] { "customer_id", "due_at_utc" });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_messages_status_due_at_utc",
                table: "outreach_messages",
                columns: new[] { "status", "due_at_utc" });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_messages_token",
                table: "outreach_messages",
                column: "token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outreach_messages_trigger_id_source_event_id",
                table: "outreach_messages",
                columns: new[] { "trigger_id", "source_event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outreach_templates_name",
                table: "outreach_templates",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_qualitative_notes_noted_on",
                table: "qualitative_notes",
                column: "noted_on");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "note_tags");

            migrationBuilder.DropTable(
                name: "outreach_messages");

            migrationBuilder.DropTable(
                name: "outreach_templates");

            migrationBuilder.DropTable(
                name: "qualitative_notes");

            migrationBuilder.DropColumn(
                name: "template_id",
                table: "survey_triggers");

            migrationBuilder.AlterColumn<long>(
                name: "survey_id",
                table: "survey_triggers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
