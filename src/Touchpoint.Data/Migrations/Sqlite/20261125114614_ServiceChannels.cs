using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "channel_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    channel = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    delivery_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    received_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "email_details",
                columns: table => new
                {
                    ticket_message_id = table.Column<long>(type: "INTEGER", nullable: false),
                    mailbox_id = table.Column<long>(type: "INTEGER", nullable: true),
                    direction = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    to = table.Column<string>(type: "TEXT", nullable: false),
                    cc = table.Column<string>(type: "TEXT", nullable: false),
                    bcc = table.Column<string>(type: "TEXT", nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    message_id = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    in_reply_to = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    references = table.Column<string>(type: "TEXT", nullable: false),
                    automatic_reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_email_details", x => x.ticket_message_id);
                });

            migrationBuilder.CreateTable(
                name: "mailboxes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    team_id = table.Column<long>(type: "INTEGER", nullable: true),
                    signature = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    imap_host = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    imap_port = table.Column<int>(type: "INTEGER", nullable: false),
                    imap_security = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    imap_user = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    imap_password_protected = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    imap_folder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    imap_last_uid = table.Column<long>(type: "INTEGER", nullable: false),
                    imap_uid_validity = table.Column<long>(type: "INTEGER", nullable: false),
                    imap_last_polled_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    imap_last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mailboxes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "message_attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ticket_message_id = table.Column<long>(type: "INTEGER", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    storage_path = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_attachments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "phone_calls",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ticket_message_id = table.Column<long>(type: "INTEGER", nullable: false),
                    ticket_id = table.Column<long>(type: "INTEGER", nullable: false),
                    direction = table.Column<int>(type: "INTEGER", nullable: false),
                    outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    duration_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    phone_number = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    callback_due_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    callback_done_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_phone_calls", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "quarantined_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    channel = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    sender = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    storage_path = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ticket_message_id = table.Column<long>(type: "INTEGER", nullable: true),
                    received_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quarantined_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "social_details",
                columns: table => new
                {
                    ticket_message_id = table.Column<long>(type: "INTEGER", nullable: false),
                    platform = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    handle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    permalink = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    in_reply_to = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_social_details", x => x.ticket_message_id);
                });

            migrationBuilder.CreateTable(
                name: "ticket_participants",
                columns: table => new
                {
                    ticket_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    added_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_participants", x => new { x.ticket_id, x.customer_id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_channel_deliveries_channel_delivery_id",
                table: "channel_deliveries",
                columns: new[] { "channel", "delivery_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_email_details_from_direction",
                table: "email_details",
                columns: new[] { "from", "direction" });

            migrationBuilder.CreateIndex(
                name: "IX_mailboxes_address",
                table: "mailboxes",
                column: "address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_message_attachments_ticket_message_id",
                table: "message_attachments",
                column: "ticket_message_id");

            migrationBuilder.CreateIndex(
                name: "IX_phone_calls_callback_due_at_utc_callback_done_at_utc",
                table: "phone_calls",
                columns: new[] { "callback_due_at_utc", "callback_done_at_utc" });

            migrationBuilder.CreateIndex(
                name: "IX_phone_calls_ticket_message_id",
                table: "phone_calls",
                column: "ticket_message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quarantined_messages_received_at_utc",
                table: "quarantined_messages",
                column: "received_at_utc");

            migrationBuilder.CreateIndex(
                name: "IX_ticket_participants_customer_id",
                table: "ticket_participants",
                column: "customer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "channel_deliveries");

            migrationBuilder.DropTable(
                name: "email_details");

            migrationBuilder.DropTable(
                name: "mailboxes");

            migrationBuilder.DropTable(
                name: "message_attachments");

            migrationBuilder.DropTable(
                name: "phone_calls");

            migrationBuilder.DropTable(
                name: "quarantined_messages");

            migrationBuilder.DropTable(
                name: "social_details");

            migrationBuilder.DropTable(
                name: "ticket_participants");
        }
    }
}
