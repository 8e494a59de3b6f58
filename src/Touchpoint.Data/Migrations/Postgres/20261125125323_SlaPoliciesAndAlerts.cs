using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SlaPoliciesAndAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sla_alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ticket_id = table.Column<long>(type: "bigint", nullable: false),
                    clock = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    target = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    policy_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    due_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    fired_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    notified_user_ids = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    actions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sla_policies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    conditions_json = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    targets_json = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    business_hours = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    holidays = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    escalation_json = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_policies", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sla_alerts_fired_at_utc",
                table: "sla_alerts",
                column: "fired_at_utc");

            migrationBuilder.CreateIndex(
                name: "IX_sla_alerts_ticket_id_clock_kind",
                table: "sla_alerts",
                columns: new[] { "ticket_id", "clock", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sla_policies_name",
                table: "sla_policies",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sla_policies_position",
                table: "sla_policies",
                column: "position",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sla_alerts");

            migrationBuilder.DropTable(
                name: "sla_policies");
        }
    }
}
