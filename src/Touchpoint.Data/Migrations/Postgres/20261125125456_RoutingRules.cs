using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RoutingRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agent_profiles",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    availability = table.Column<int>(type: "integer", nullable: false),
                    max_open_tickets = table.Column<int>(type: "integer", nullable: true),
                    skills_json = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agent_profiles", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "routing_cursors",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_cursors", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "routing_rules",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    trigger = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    after_minutes = table.Column<int>(type: "integer", nullable: true),
                    match = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    conditions_json = table.Column<string>(type: "text", nullable: false),
                    actions_json = table.Column<string>(type: "text", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rule_firings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rule_id = table.Column<long>(type: "bigint", nullable: false),
                    ticket_id = table.Column<long>(type: "bigint", nullable: false),
                    episode_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    fired_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rule_firings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_routing_rules_trigger_position",
                table: "routing_rules",
                columns: new[] { "trigger", "position" });

            migrationBuilder.CreateIndex(
                name: "IX_rule_firings_rule_id_ticket_id_episode_utc",
                table: "rule_firings",
                columns: new[] { "rule_id", "ticket_id", "episode_utc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rule_firings_ticket_id",
                table: "rule_firings",
                column: "ticket_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_profiles");

            migrationBuilder.DropTable(
                name: "routing_cursors");

            migrationBuilder.DropTable(
                name: "routing_rules");

            migrationBuilder.DropTable(
                name: "rule_firings");
        }
    }
}
