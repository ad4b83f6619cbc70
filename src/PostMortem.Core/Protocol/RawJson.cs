using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PostMortem.Core.Protocol;

/// <summary>
/// JSON already encoded, written verbatim where it stands in a message. The server encodes an entry once for a
/// whole board and captures state read under a replica's lock as bytes before leaving the lock; a client reads
/// the same value back (a <see cref="BoardView"/> with <see cref="CoreJsonContext"/>, an entry as
/// <see cref="EntryMessage"/>) when it needs it typed.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson(byte[] utf8)
{
    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;

    /// <summary>Reads the value as <typeparamref name="T"/> through <paramref name="typeInfo"/>.</summary>
    public T? Read<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(Utf8.Span, typeInfo);

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8.Span);
}

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.RootElement.WriteTo(writer);
        }

        return new RawJson(buffer.WrittenSpan.ToArray());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
}
