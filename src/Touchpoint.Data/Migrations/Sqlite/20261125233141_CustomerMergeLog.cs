using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerMergeLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customer_merges",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    from_id = table.Column<long>(type: "INTEGER", nullable: false),
                    into_id = table.Column<long>(type: "INTEGER", nullable: false),
                    merged_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_merges", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_customer_merges_merged_at_utc",
                table: "customer_merges",
                column: "merged_at_utc");

            // Merges made before the log existed, in profile order; their time is unknown, so the profile's creation
            // stands in (before the merge, and outside the window followers read again).
            migrationBuilder.Sql("""
                INSERT INTO customer_merges (from_id, into_id, merged_at_utc)
                SELECT id, merged_into_id, created_at_utc FROM customers WHERE merged_into_id IS NOT NULL ORDER BY id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_merges");
        }
    }
}
