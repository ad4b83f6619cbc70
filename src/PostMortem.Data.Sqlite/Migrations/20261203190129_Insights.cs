using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostMortem.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Insights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DetectedAt",
                table: "PostMortems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImpactStartAt",
                table: "PostMortems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MitigatedAt",
                table: "PostMortems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedAt",
                table: "PostMortems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TriggerAt",
                table: "PostMortems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DoneAt",
                table: "Actions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DetectedAt",
                table: "PostMortems");

            migrationBuilder.DropColumn(
                name: "ImpactStartAt",
                table: "PostMortems");

            migrationBuilder.DropColumn(
                name: "MitigatedAt",
                table: "PostMortems");

            migrationBuilder.DropColumn(
                name: "ResolvedAt",
                table: "PostMortems");

            migrationBuilder.DropColumn(
                name: "TriggerAt",
                table: "PostMortems");

            migrationBuilder.DropColumn(
                name: "DoneAt",
                table: "Actions");
        }
    }
}
