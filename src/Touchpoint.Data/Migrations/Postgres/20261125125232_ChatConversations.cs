using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChatConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chat_conversations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    visitor_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    site = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    ticket_id = table.Column<long>(type: "bigint", nullable: true),
                    identity = table.Column<int>(type: "integer", nullable: false),
                    follow_up_by_email = table.Column<bool>(type: "boolean", nullable: false),
                    last_emailed_message_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_message_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chat_conversations", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_chat_conversations_customer_id",
                table: "chat_conversations",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "IX_chat_conversations_ticket_id",
                table: "chat_conversations",
                column: "ticket_id");

            migrationBuilder.CreateIndex(
                name: "IX_chat_conversations_visitor_key",
                table: "chat_conversations",
                column: "visitor_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chat_conversations");
        }
    }
}
