using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "closed_at_utc",
                table: "surveys",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "published_at_utc",
                table: "surveys",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "surveys",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "answers_json",
                table: "survey_responses",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "completed_at_utc",
                table: "survey_responses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "invitation_id",
                table: "survey_responses",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "survey_responses",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "survey_version",
                table: "survey_responses",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "follow_ups",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    response_id = table.Column<long>(type: "bigint", nullable: false),
                    survey_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    ticket_id = table.Column<long>(type: "bigint", nullable: false),
                    team_id = table.Column<long>(type: "bigint", nullable: true),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    touchpoint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    outcome = table.Column<int>(type: "integer", nullable: false),
                    outcome_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    outcome_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_follow_ups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    to = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    ref_kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ref_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sent_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "survey_invitations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    survey_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    token = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    channel = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ticket_id = table.Column<long>(type: "bigint", nullable: true),
                    touchpoint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    trigger_id = table.Column<long>(type: "bigint", nullable: true),
                    source_event_id = table.Column<long>(type: "bigint", nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    due_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sent_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    response_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_invitations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "survey_triggers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    survey_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    event_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    delay_hours = table.Column<int>(type: "integer", nullable: false),
                    segment = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    sampling_percent = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    last_event_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_triggers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "survey_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    survey_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    definition_json = table.Column<string>(type: "text", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "voice_unsubscribes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
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
