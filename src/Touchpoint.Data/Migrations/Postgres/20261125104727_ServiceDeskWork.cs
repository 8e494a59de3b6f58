using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ServiceDeskWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "custom_fields",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    choices_json = table.Column<string>(type: "text", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_custom_fields", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "macros",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    @internal = table.Column<bool>(name: "internal", type: "boolean", nullable: false),
                    set_status = table.Column<int>(type: "integer", nullable: true),
                    set_priority = table.Column<int>(type: "integer", nullable: true),
                    set_team_id = table.Column<long>(type: "bigint", nullable: true),
                    add_tags_json = table.Column<string>(type: "text", nullable: false),
                    created_by_user_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_macros", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "saved_ticket_views",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    owner_user_id = table.Column<long>(type: "bigint", nullable: true),
                    filter_json = table.Column<string>(type: "text", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_saved_ticket_views", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ticket_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ticket_id = table.Column<long>(type: "bigint", nullable: false),
                    at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    by_user_id = table.Column<long>(type: "bigint", nullable: true),
                    property = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    old_value = table.Column<string>(type: "text", nullable: true),
                    new_value = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ticket_field_values",
                columns: table => new
                {
                    ticket_id = table.Column<long>(type: "bigint", nullable: false),
                    field_id = table.Column<long>(type: "bigint", nullable: false),
                    value = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_field_values", x => new { x.ticket_id, x.field_id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_tickets_merged_into_id",
                table: "tickets",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "IX_custom_fields_key",
                table: "custom_fields",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_macros_name",
                table: "macros",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_saved_ticket_views_owner_user_id",
                table: "saved_ticket_views",
                column: "owner_user_id");

            migrationBuilder.CreateIndex(
                name: "IX_ticket_audit_ticket_id_at_utc",
                table: "ticket_audit",
                columns: new[] { "ticket_id", "at_utc" });

            migrationBuilder.CreateIndex(
                name: "IX_ticket_field_values_field_id_value",
                table: "ticket_field_values",
                columns: new[] { "field_id", "value" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "custom_fields");

            migrationBuilder.DropTable(
                name: "macros");

            migrationBuilder.DropTable(
                name: "saved_ticket_views");

            migrationBuilder.DropTable(
                name: "ticket_audit");

            migrationBuilder.DropTable(
                name: "ticket_field_values");

            migrationBuilder.DropIndex(
                name: "IX_tickets_merged_into_id",
                table: "tickets");
        }
    }
}
