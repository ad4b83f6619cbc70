using System.Text.Json;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>The MessagePack hub protocol beside JSON: one contract in two encodings (docs/PROTOCOL.md).</summary>
public sealed class MessagePackTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task AMessagePackClientAndAJsonClientReceiveTheSameEntriesAndState()
    {
        await using var board = await LiveBoard.StartAsync(server, "Alex");
        var json = board.Participants[0];
        await using var packed = await HubTestClient.ConnectAsync(server.BaseAddress, json.Token, "alex-msgpack", messagePack: true);

        var joined = await packed.JoinAsync(board.BoardId);
        var ack = await packed.SubmitAsync(LiveBoard.Note("mp1", "event", "Sent over MessagePack"));
        await json.Client.WaitForSeqAsync(ack.Seq!.Value);
        await packed.WaitForSeqAsync(ack.Seq!.Value);

        Assert.Equal("accepted", ack.Status);
        Assert.Equal("snapshot", joined.GetProperty("mode").GetString());
        var asJson = await json.Client.WaitForEntryAsync(ack.Seq.Value);
        var asPacked = await packed.WaitForEntryAsync(ack.Seq.Value);
        Assert.True(JsonElement.DeepEquals(asJson, asPacked), $"the entry differs between the two encodings: {asJson} / {asPacked}");
        Assert.Equal("Sent over MessagePack", board.Host.Read(b => b.State.Notes["mp1"].Text));
        // A rejection reads the same too: the code survives the encoding.
        var refused = await packed.SubmitAsync(LiveBoard.Note("mp1", "event", "same id again"));
        Assert.Equal("rejected", refused.Status);
        Assert.False(string.IsNullOrEmpty(refused.Code));
    }
}
