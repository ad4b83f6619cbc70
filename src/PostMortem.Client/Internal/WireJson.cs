using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PostMortem.Core;
using PostMortem.Core.Protocol;

namespace PostMortem.Client.Internal;

/// <summary>The hub's JSON (<see cref="ProtocolJson"/>) for what the engine decodes itself: Join's raw view and entries, the stored queue.</summary>
internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = ProtocolJson.CreateOptions();

    public static JsonTypeInfo<BoardView> View { get; } = (JsonTypeInfo<BoardView>)Options.GetTypeInfo(typeof(BoardView));

    public static JsonTypeInfo<EntryMessage> Entry { get; } = (JsonTypeInfo<EntryMessage>)Options.GetTypeInfo(typeof(EntryMessage));

    public static JsonTypeInfo<SubmitRequest> Request { get; } = (JsonTypeInfo<SubmitRequest>)Options.GetTypeInfo(typeof(SubmitRequest));
}
