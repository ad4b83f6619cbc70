using System.Text.Json;
using System.Text.Json.Serialization;

namespace PostMortem.Server.Hubs;

/// <summary>
/// JSON serialized once and written verbatim into hub messages: an entry fanned out to a whole board is
/// encoded one time, and state read under the replica's lock is captured as bytes before the lock is left.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson(byte[] utf8)
{
    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8.Span);
}

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement, ServerJsonContext.Default.JsonElement));
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
}
