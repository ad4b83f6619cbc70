using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;

namespace PostMortem.Core.Tests;

public sealed class SerializationTests
{
    private static readonly (Type Type, string Name)[] Derived =
        [.. typeof(BoardCommand).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => (a.DerivedType, (string)a.TypeDiscriminator!))];

    public static TheoryData<string> CommandTypes()
    {
        var data = new TheoryData<string>();
        foreach (var (_, name) in Derived)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>The acceptance table holds an instance of every command type (it checks that itself).</summary>
    private static BoardCommand Sample(Type type) => AcceptanceTableTests.Cases.First(c => c.Command.GetType() == type).Command;

    [Theory]
    [MemberData(nameof(CommandTypes))]
    public void CommandRoundTripsThroughJsonWithItsWireName(string wireName)
    {
        var type = Derived.Single(d => d.Name == wireName).Type;
        var command = Sample(type);

        var json = CoreJson.SerializeCommand(command);
        var back = CoreJson.DeserializeCommand(json);

        Assert.StartsWith("{\"type\":\"" + wireName + "\"", json, StringComparison.Ordinal);
        Assert.IsType(type, back);
        Assert.Equal(json, CoreJson.SerializeCommand(back));

        var entry = new LogEntry(7, new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.FromHours(1)), "actor", "op-1", command);
        var entryBack = CoreJson.DeserializeEntry(CoreJson.SerializeEntry(entry));
        Assert.Equal((entry.Seq, entry.At, entry.ActorId, entry.ClientOpId), (entryBack.Seq, entryBack.At, entryBack.ActorId, entryBack.ClientOpId));
        Assert.Equal(json, CoreJson.SerializeCommand(entryBack.Command));
    }

    [Fact]
    public void CommandsUseCamelCaseAndStringEnums()
    {
        var json = CoreJson.SerializeCommand(new AddNote("n1", NoteKind.ContributingFactor, "x"));

        Assert.Equal("{\"type\":\"addNote\",\"noteId\":\"n1\",\"kind\":\"contributingFactor\",\"text\":\"x\",\"position\":0}", json);
    }

    [Fact]
    public void EnumsReadInAnyCaseAndDictionaryKeysAreCamelCase()
    {
        Assert.Equal(new AddNote("n1", NoteKind.ContributingFactor, "x"), CoreJson.DeserializeCommand("{\"type\":\"addNote\",\"noteId\":\"n1\",\"kind\":\"ContributingFactor\",\"text\":\"x\"}"));

        var view = JsonSerializer.Serialize(TestBoard.Started().Board.ViewFor(TestBoard.Alice), CoreJson.Context.BoardView);

        Assert.Contains("\"coachCounts\":{\"setTheRoom\":0,\"timeline\":0,\"rootCause\":0,\"contributingFactors\":0,\"actions\":0,\"close\":0}", view, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"participant\"", view, StringComparison.Ordinal);
    }

    [Fact]
    public void TypeMayComeAfterOtherProperties() =>
        Assert.Equal(new EditNote("n1", "x"), CoreJson.DeserializeCommand("{\"noteId\":\"n1\",\"text\":\"x\",\"type\":\"editNote\"}"));

    [Theory]
    [InlineData("{\"type\":\"dropTables\",\"noteId\":\"n1\"}")]
    [InlineData("{\"noteId\":\"n1\"}")]
    [InlineData("{\"type\":7}")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("{\"type\":\"addNote\",\"noteId\":\"n1\",\"kind\":\"spaceship\",\"text\":\"x\"}")]
    [InlineData("{\"type\":\"addNote\"")]
    public void MalformedOrUnknownCommandThrowsJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => CoreJson.DeserializeCommand(json));

    [Fact]
    public void SnapshotRoundTripsToTheSameHash()
    {
        var t = RejectionTableTests.Baseline();
        t.AdvanceTo(Phase.Actions);
        t.Ok(TestBoard.Alice, new CastVote("act1"));
        var snapshot = t.Board.ToSnapshot();

        var copy = Board.FromSnapshot(snapshot);

        Assert.Equal(snapshot.StateHash, copy.StateHash());
        Assert.Equal(snapshot.StateJson, copy.ToSnapshot().StateJson);
        Assert.Equal(t.Board.Seq, copy.Seq);
    }

    [Fact]
    public void NewerStateFormatIsRefused() =>
        Assert.Throws<JsonException>(() => CoreJson.DeserializeState("{\"v\":99,\"state\":{}}"));

    [Fact]
    public void EventsCarryTheirWireType()
    {
        var t = TestBoard.Started();
        var r = t.Ok(TestBoard.Alice, new AddNote("n1", NoteKind.Event, "API change deployed"));

        var json = JsonSerializer.Serialize(r.Events, CoreJson.Context.IReadOnlyListBoardEvent);

        Assert.StartsWith("[{\"type\":\"note\",\"note\":{\"id\":\"n1\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("visibleTo", json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CommandTypes))]
    public void CommandWithEveryFieldMissingIsRejectedCleanly(string wireName)
    {
        var command = CoreJson.DeserializeCommand("{\"type\":\"" + wireName + "\"}");
        var t = RejectionTableTests.Baseline();
        t.AdvanceTo(Phase.Actions);

        foreach (var actor in (string[])[TestBoard.Facilitator, TestBoard.Alice, TestBoard.Reader])
        {
            var r = t.Do(actor, command);
            Assert.NotEqual(RejectionCodes.InvalidValue + ":the board could not apply this command", r.Outcome.Code + ":" + r.Outcome.Message);
        }
    }

    /// <summary>
    /// Core's stored JSON and the wire contract's records are two source-generated contexts, and attribute arguments
    /// cannot share one list, so each names the enum converters itself: they must name the same ones, and every
    /// public enum that either context carries must have one (else it would go out as a number).
    /// </summary>
    [Fact]
    public void BothJsonContextsWriteEveryEnumTheyCarryWithTheSameCamelCaseConverters()
    {
        static string[] ConverterTypes(JsonSerializerOptions options) =>
            [.. options.Converters.Select(c => c.GetType().FullName!).Order(StringComparer.Ordinal)];

        var core = ConverterTypes(CoreJson.Options);
        var protocol = ConverterTypes(PostMortem.Core.Protocol.ProtocolJsonContext.Default.Options);
        Assert.Equal(core, protocol);

        var carried = typeof(Board).Assembly.GetExportedTypes()
            .Where(t => t.IsEnum && (CoreJson.Options.TryGetTypeInfo(t, out _)
                || PostMortem.Core.Protocol.ProtocolJsonContext.Default.Options.TryGetTypeInfo(t, out _)));
        foreach (var type in carried)
        {
            Assert.Contains(typeof(CamelCaseEnumConverter<>).MakeGenericType(type).FullName!, core);
        }
    }
}
