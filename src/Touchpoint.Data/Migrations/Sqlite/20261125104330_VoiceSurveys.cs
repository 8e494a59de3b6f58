using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VoiceSurveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "allow_anonymous",
                table: "surveys",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "closed_at_utc",
                table: "surveys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "published_at_utc",
                table: "surveys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "surveys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "answers_json",
                table: "survey_responses",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "completed_at_utc",
                table: "survey_responses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "invitation_id",
                table: "survey_responses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "survey_responses",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "survey_version",
                table: "survey_responses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "follow_ups",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    response_id = table.Column<long>(type: "INTEGER", nullable: false),
                    survey_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: true),
                    ticket_id = table.Column<long>(type: "INTEGER", nullable: false),
                    team_id = table.Column<long>(type: "INTEGER", nullable: true),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    score = table.Column<int>(type: "INTEGER", nullable: false),
                    touchpoint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    outcome_note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    outcome_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_follow_ups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    to = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: true),
                    ref_kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ref_id = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sent_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "survey_invitations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    survey_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: true),
                    token = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ticket_id = table.Column<long>(type: "INTEGER", nullable: true),
                    touchpoint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    trigger_id = table.Column<long>(type: "INTEGER", nullable: true),
                    source_event_id = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    due_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sent_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    response_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_invitations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "survey_triggers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    survey_id = table.Column<long>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    delay_hours = table.Column<int>(type: "INTEGER", nullable: false),
                    segment = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    sampling_percent = table.Column<int>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    last_event_id = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_triggers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "survey_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    survey_id = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_json = table.Column<string>(type: "TEXT", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "voice_unsubscribes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_unsubscribes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_customer_id",
                table: "follow_ups",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_outcome_created_at_utc",
                table: "follow_ups",
                columns: new[] { "outcome", "created_at_utc" });

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_response_id",
                table: "follow_ups",
                column: "response_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_sent_at_utc_id",
                table: "outbox_messages",
                columns: new[] { "sent_at_utc", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_survey_invitations_customer_id_created_at_utc",
                table: "survey_invitations",
                columns: new[] { "customer_id", "created_at_utc" });

            migrationBuilder.CreateIndex(
                name: "IX_survey_invitations_status_due_at_utc",
                table: "survey_invitations",
                columns: new[] { "status", "due_at_utc" });

            migrationBuilder.CreateIndex(
                name: "IX_survey_invitations_token",
                table: "survey_invitations",
                column: "token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_survey_invitations_trigger_id_source_event_id",
                table: "survey_invitations",
                columns: new[] { "trigger_id", "source_event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_survey_versions_survey_id_version",
                table: "survey_versions",
                columns: new[] { "survey_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_voice_unsubscribes_customer_id",
                table: "voice_unsubscribes",
                column: "customer_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "follow_ups");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "survey_invitations");

            migrationBuilder.DropTable(
                name: "survey_triggers");

            migrationBuilder.DropTable(
                name: "survey_versions");

            migrationBuilder.DropTable(
                name: "voice_unsubscribes");

            migrationBuilder.DropColumn(
                name: "allow_anonymous",
                table: "surveys");

            migrationBuilder.DropColumn(
                name: "closed_at_utc",
                table: "surveys");

            migrationBuilder.DropColumn(
                name: "published_at_utc",
                table: "surveys");

            migrationBuilder.DropColumn(
                name: "version",
                table: "surveys");

            migrationBuilder.DropColumn(
                name: "answers_json",
                table: "survey_responses");

            migrationBuilder.DropColumn(
                name: "completed_at_utc",
                table: "survey_responses");

            migrationBuilder.DropColumn(
                name: "invitation_id",
                table: "survey_responses");

            migrationBuilder.DropColumn(
                name: "language",
                table: "survey_responses");

            migrationBuilder.DropColumn(
                name: "survey_version",
                table: "survey_responses");
        }
    }
}
