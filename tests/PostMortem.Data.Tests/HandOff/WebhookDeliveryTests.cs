using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PostMortem.Core.Protocol;
using PostMortem.Data.Webhooks;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Data.Tests.HandOff;

/// <summary>
/// The outgoing webhook end to end (R29): the real server (Kestrel, SQLite outbox) runs the worked example, and a real
/// HTTP receiver on a loopback port gets the signed events; nothing here waits by sleeping.
/// </summary>
public sealed class WebhookDeliveryTests : IDisposable
{
    private const string Secret = "test-webhook-secret-0123456789";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, string?> HookSettings(WebhookReceiver receiver, int maxAttempts = 8) => new()
    {
        ["HandOff:PublicUrl"] = "https://pm.example.com/",
        ["HandOff:Webhook:Url"] = receiver.Url,
        ["HandOff:Webhook:Secret"] = Secret,
        ["HandOff:Webhook:MaxAttempts"] = maxAttempts.ToString(CultureInfo.InvariantCulture),
        // Short backoff so a retry comes at once; the test awaits the receiver, never a clock.
        ["HandOff:Webhook:InitialBackoff"] = "00:00:00.050",
        ["HandOff:Webhook:MaxBackoff"] = "00:00:00.200",
    };

    /// <summary>The documented check (docs/PROTOCOL.md, "Webhooks"), written out here rather than calling the server's code.</summary>
    private static bool SignatureVerifies(ReceivedWebhook hook)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{hook.Timestamp}.{hook.Body}"));
        return hook.Signature == "sha256=" + Convert.ToHexString(mac).ToLowerInvariant();
    }

    [Fact]
    public async Task ClosingABoardPostsASignedCloseEventWithItsActions()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = AppServer.Start(_folder.Path, settings: HookSettings(receiver));

        var meeting = await WorkedExample.RunAsync(app);
        var hook = await receiver.NextOfAsync(WebhookEventTypes.BoardClosed);

        Assert.True(SignatureVerifies(hook), "the signature does not verify with the documented algorithm");
        Assert.False(SignatureVerifies(hook with { Body = hook.Body.Replace("Priya", "Pryia", StringComparison.Ordinal) }));
        Assert.StartsWith("application/json", hook.ContentType, StringComparison.Ordinal);
        Assert.Equal("1", hook.Attempt);
        var sent = DateTimeOffset.FromUnixTimeSeconds(long.Parse(hook.Timestamp!, CultureInfo.InvariantCulture));
        Assert.True((DateTimeOffset.UtcNow - sent).Duration() < TimeSpan.FromMinutes(5), "the timestamp is the time of sending");

        var body = JsonNode.Parse(hook.Body)!;
        Assert.Equal(hook.Delivery, (string)body["id"]!);
        Assert.StartsWith(meeting.BoardId + ".", hook.Delivery, StringComparison.Ordinal);
        Assert.Equal("board.closed", (string)body["type"]!);
        Assert.Equal(meeting.BoardId, (string)body["boardId"]!);
        Assert.Equal(WorkedExample.Title, (string)body["incident"]!["title"]!);
        Assert.Equal("2026-03-18", (string)body["incident"]!["followUpDate"]!);
        Assert.Equal($"https://pm.example.com/incidents/{meeting.BoardId}", (string)body["incidentUrl"]!);
        var actions = body["actions"]!.AsArray();
        Assert.Equal([WorkedExample.ContractTests, WorkedExample.Notification, WorkedExample.SchemaAlerts], actions.Select(a => (string)a!["text"]!));
        Assert.Equal(["Priya", "Jordan Lee", "Sam Okafor"], actions.Select(a => (string)a!["owner"]!));
        Assert.All(actions, a => Assert.Equal("open", (string)a!["status"]!));
    }

    [Fact]
    public async Task AFailingReceiverIsRetriedWithTheSameSignedBodyUntilItAccepts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await using var app = AppServer.Start(_folder.Path, settings: HookSettings(receiver));

        await WorkedExample.RunAsync(app);
        var first = await receiver.NextAsync();
        var second = await receiver.NextAsync();
        var third = await receiver.NextAsync();

        Assert.Equal((500, 500, 204), (first.AnsweredWith, second.AnsweredWith, third.AnsweredWith));
        Assert.Equal(("1", "2", "3"), (first.Attempt, second.Attempt, third.Attempt));
        Assert.All(new[] { second, third }, h => Assert.Equal(first.Delivery, h.Delivery));
        Assert.All(new[] { second, third }, h => Assert.Equal(first.Body, h.Body));
        Assert.All(new[] { first, second, third }, h => Assert.True(SignatureVerifies(h)));
    }

    [Fact]
    public async Task ActionStatusChangesFireFromTheBoardAndFromTheFollowUpPath()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = AppServer.Start(_folder.Path, settings: HookSettings(receiver));
        var meeting = await WorkedExample.RunAsync(app);
        await receiver.NextOfAsync(WebhookEventTypes.BoardClosed);

        // On the board: the facilitator's hub connection.
        await using var hub = await HubTestClient.ConnectAsync(app.Http.BaseAddress!, meeting.Board.Token, "facilitator");
        await hub.JoinAsync(meeting.BoardId);
        var ack = await hub.SubmitAsync(new { type = "updateActionStatus", noteId = "a3", status = "inProgress" });
        Assert.Equal("accepted", ack.Status);
        var onBoard = await receiver.NextAsync();

        // From the follow-up page's path (PATCH /api/actions/{noteId} with the owner's token). Setting the status it
        // already has changes nothing and sends nothing: the next event received is the real change after it.
        Assert.Equal(200, (await app.PatchActionAsync("a1", new { status = "open" }, meeting.PriyaToken)).Status);
        Assert.Equal(200, (await app.PatchActionAsync("a1", new { status = "done" }, meeting.PriyaToken)).Status);
        var fromFollowUp = await receiver.NextAsync();

        Assert.Equal(WebhookEventTypes.ActionStatusChanged, onBoard.Event);
        var boardBody = JsonNode.Parse(onBoard.Body)!;
        Assert.Equal(("a3", "inProgress"), ((string)boardBody["action"]!["noteId"]!, (string)boardBody["action"]!["status"]!));
        Assert.Null(boardBody["actions"]);
        Assert.Equal(WebhookEventTypes.ActionStatusChanged, fromFollowUp.Event);
        var followUpBody = JsonNode.Parse(fromFollowUp.Body)!;
        Assert.Equal(("a1", "done"), ((string)followUpBody["action"]!["noteId"]!, (string)followUpBody["action"]!["status"]!));
        Assert.True(SignatureVerifies(onBoard) && SignatureVerifies(fromFollowUp));
        Assert.NotEqual(onBoard.Delivery, fromFollowUp.Delivery);
    }

    [Fact]
    public async Task TheOutboxKeepsOneRowPerEventAndOneClaimPerAttempt()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var outbox = data.Get<WebhookOutbox>();
        var now = new DateTimeOffset(2026, 3, 4, 13, 0, 0, TimeSpan.Zero);
        Entities.WebhookDelivery Row() => new() { EventId = "b1.42", BoardId = "b1", EventType = "board.closed", Body = "{}", CreatedAt = now, NextAttemptAt = now };

        Assert.True(await outbox.EnqueueAsync(Row(), CancellationToken.None).Within());
        // The same entry applied on a second instance, or again after a restart, builds the same id.
        Assert.False(await outbox.EnqueueAsync(Row(), CancellationToken.None).Within());

        var due = Assert.Single(await outbox.DueAsync(now, 10, CancellationToken.None).Within());
        Assert.True(await outbox.TryClaimAsync(due, now.AddMinutes(1), CancellationToken.None).Within());
        Assert.False(await outbox.TryClaimAsync(due, now.AddMinutes(1), CancellationToken.None).Within()); // a second sender saw the same row
        Assert.Empty(await outbox.DueAsync(now, 10, CancellationToken.None).Within()); // claimed: not due until the claim ends

        await outbox.MarkFailedAsync("b1.42", 1, "HTTP 500", now, retryAt: null, CancellationToken.None).Within();
        var given = await outbox.FindAsync("b1.42", CancellationToken.None).Within();
        Assert.Equal((1, "HTTP 500", now), (given!.Attempts, given.LastError, given.AbandonedAt));
        Assert.Null(await outbox.NextDueAsync(CancellationToken.None).Within());
    }
}
