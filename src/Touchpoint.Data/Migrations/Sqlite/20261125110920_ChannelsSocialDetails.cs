using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChannelsSocialDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "social_details");
        }
    }
}
