using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PostMortem.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WebhookOutbox",
                columns: table => new
                {
                    EventId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 100, nullable: false),
                    BoardId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EventType = table.Column<string>(type: "TEXT", unicode: false, maxLength: 40, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<string>(type: "TEXT", nullable: false),
                    DeliveredAt = table.Column<string>(type: "TEXT", nullable: true),
                    AbandonedAt = table.Column<string>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookOutbox", x => x.EventId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookOutbox_DeliveredAt_AbandonedAt_NextAttemptAt",
                table: "WebhookOutbox",
                columns: new[] { "DeliveredAt", "AbandonedAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WebhookOutbox");
        }
    }
}
