using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VoiceDeliveryAndStageTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "journey_id",
                table: "survey_triggers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "property_name",
                table: "survey_triggers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "property_operator",
                table: "survey_triggers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "property_value",
                table: "survey_triggers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stage",
                table: "survey_triggers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "delivered_at_utc",
                table: "survey_invitations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "opened_at_utc",
                table: "survey_invitations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "outbox_messages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                table: "outbox_messages",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "message_id",
                table: "outbox_messages",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "next_attempt_at_utc",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "status",
                table: "outbox_messages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ticket_id",
                table: "outbox_messages",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_status_next_attempt_at_utc",
                table: "outbox_messages",
                columns: new[] { "status", "next_attempt_at_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_messages_status_next_attempt_at_utc",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "journey_id",
                table: "survey_triggers");

            migrationBuilder.DropColumn(
                name: "property_name",
                table: "survey_triggers");

            migrationBuilder.DropColumn(
                name: "property_operator",
                table: "survey_triggers");

            migrationBuilder.DropColumn(
                name: "property_value",
                table: "survey_triggers");

            migrationBuilder.DropColumn(
                name: "stage",
                table: "survey_triggers");

            migrationBuilder.DropColumn(
                name: "delivered_at_utc",
                table: "survey_invitations");

            migrationBuilder.DropColumn(
                name: "opened_at_utc",
                table: "survey_invitations");

            migrationBuilder.DropColumn(
                name: "attempts",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "last_error",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "message_id",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "next_attempt_at_utc",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "status",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "ticket_id",
                table: "outbox_messages");
        }
    }
}
