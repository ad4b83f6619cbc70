using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostMortem.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Insights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DetectedAt",
                table: "PostMortems",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ImpactStartAt",
                table: "PostMortems",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MitigatedAt",
                table: "PostMortems",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResolvedAt",
                table: "PostMortems",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TriggerAt",
                table: "PostMortems",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DoneAt",
                table: "Actions",
                type: "datetimeoffset",
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
