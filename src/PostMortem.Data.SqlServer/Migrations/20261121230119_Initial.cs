using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostMortem.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BoardSnapshots",
                columns: table => new
                {
                    BoardId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    StateJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    StateHash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BoardSnapshots", x => x.BoardId);
                });

            migrationBuilder.CreateTable(
                name: "JournalEntries",
                columns: table => new
                {
                    BoardId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    EntryJson = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalEntries", x => new { x.BoardId, x.Seq });
                });

            migrationBuilder.CreateTable(
                name: "PostMortems",
                columns: table => new
                {
                    BoardId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IncidentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    IncidentDate = table.Column<DateOnly>(type: "date", nullable: false),
                    TimeZone = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    IncidentType = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Severity = table.Column<int>(type: "int", nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Impact = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    RootCause = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    FollowUpDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostMortems", x => x.BoardId);
                });

            migrationBuilder.CreateTable(
                name: "Actions",
                columns: table => new
                {
                    BoardId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    NoteId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Owner = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    TrackerUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Votes = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Actions", x => new { x.BoardId, x.NoteId });
                    table.ForeignKey(
                        name: "FK_Actions_PostMortems_BoardId",
                        column: x => x.BoardId,
                        principalTable: "PostMortems",
                        principalColumn: "BoardId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContributingFactors",
                columns: table => new
                {
                    BoardId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContributingFactors", x => new { x.BoardId, x.Position });
                    table.ForeignKey(
                        name: "FK_ContributingFactors_PostMortems_BoardId",
                        column: x => x.BoardId,
                        principalTable: "PostMortems",
                        principalColumn: "BoardId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignOffs",
                columns: table => new
                {
                    BoardId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignOffs", x => new { x.BoardId, x.Position });
                    table.ForeignKey(
                        name: "FK_SignOffs_PostMortems_BoardId",
                        column: x => x.BoardId,
                        principalTable: "PostMortems",
                        principalColumn: "BoardId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Actions_NoteId",
                table: "Actions",
                column: "NoteId");

            migrationBuilder.CreateIndex(
                name: "IX_Actions_Status_DueDate",
                table: "Actions",
                columns: new[] { "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_PostMortems_IncidentDate",
                table: "PostMortems",
                column: "IncidentDate");

            migrationBuilder.CreateIndex(
                name: "IX_PostMortems_IncidentType_Status",
                table: "PostMortems",
                columns: new[] { "IncidentType", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Actions");

            migrationBuilder.DropTable(
                name: "BoardSnapshots");

            migrationBuilder.DropTable(
                name: "ContributingFactors");

            migrationBuilder.DropTable(
                name: "JournalEntries");

            migrationBuilder.DropTable(
                name: "SignOffs");

            migrationBuilder.DropTable(
                name: "PostMortems");
        }
    }
}
