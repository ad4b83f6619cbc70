using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using MessagePack;
using MessagePack.Formatters;

namespace PostMortem.Server.Hubs;

/// <summary>
/// MessagePack for hub arguments and results, shaped exactly like their JSON: each value is serialised with the
/// hub's JSON options (camelCase names, enum names, pre-encoded <see cref="RawJson"/> entries) and the JSON is
/// written as MessagePack maps, arrays, strings, numbers, booleans and nils; reading does the reverse. So there is
/// one wire contract (docs/PROTOCOL.md) in two encodings, and a MessagePack client sees the same field names and
/// values as a JSON one.
/// </summary>
internal sealed class JsonShapedResolver(JsonSerializerOptions json) : IFormatterResolver
{
    private readonly ConcurrentDictionary<Type, IMessagePackFormatter> _formatters = new();

    public static MessagePackSerializerOptions Options(JsonSerializerOptions json) =>
        MessagePackSerializerOptions.Standard.WithResolver(new JsonShapedResolver(json)).WithSecurity(MessagePackSecurity.UntrustedData);

    public IMessagePackFormatter<T>? GetFormatter<T>() =>
        (IMessagePackFormatter<T>)_formatters.GetOrAdd(typeof(T), static (_, options) => new JsonShapedFormatter<T>(options), json);
}

internal sealed class JsonShapedFormatter<T>(JsonSerializerOptions json) : IMessagePackFormatter<T>
{
    /// <summary>Deeper nesting than any message of the protocol has; a deeper one is refused, not recursed into.</summary>
    private const int MaxDepth = 64;

    public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        var type = typeof(T) == typeof(object) ? value.GetType() : typeof(T);
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(value, json.GetTypeInfo(type)));
        Write(ref writer, document.RootElement, 0);
    }

    public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var jsonWriter = new Utf8JsonWriter(buffer))
        {
            Read(ref reader, jsonWriter, 0);
        }

        return (T)JsonSerializer.Deserialize(buffer.WrittenSpan, json.GetTypeInfo(typeof(T)))!;
    }

    private static void Write(ref MessagePackWriter writer, JsonElement element, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new MessagePackSerializationException("Nested too deeply.");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var count = 0;
                foreach (var _ in element.EnumerateObject())
                {
                    count++;
                }

                writer.WriteMapHeader(count);
                foreach (var property in element.EnumerateObject())
                {
                    writer.Write(property.Name);
                    Write(ref writer, property.Value, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    Write(ref writer, item, depth + 1);
                }

                break;
            case JsonValueKind.String:
                writer.Write(element.GetString());
                break;
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var integer))
                {
                    writer.Write(integer);
                }
                else
                {
                    writer.Write(element.GetDouble());
                }

                break;
            case JsonValueKind.True:
                writer.Write(true);
                break;
            case JsonValueKind.False:
                writer.Write(false);
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    private static void Read(ref MessagePackReader reader, Utf8JsonWriter writer, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new MessagePackSerializationException("Nested too deeply.");
        }

        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
                var properties = reader.ReadMapHeader();
                writer.WriteStartObject();
                for (var i = 0; i < properties; i++)
                {
                    if (reader.NextMessagePackType != MessagePackType.String)
                    {
                        throw new MessagePackSerializationException("Map keys must be strings.");
                    }

                    writer.WritePropertyName(reader.ReadString()!);
                    Read(ref reader, writer, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case MessagePackType.Array:
                var items = reader.ReadArrayHeader();
                writer.WriteStartArray();
                for (var i = 0; i < items; i++)
                {
                    Read(ref reader, writer, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case MessagePackType.String:
                writer.WriteStringValue(reader.ReadString());
                break;
            case MessagePackType.Integer:
                writer.WriteNumberValue(reader.ReadInt64());
                break;
            case MessagePackType.Float:
                writer.WriteNumberValue(reader.ReadDouble());
                break;
            case MessagePackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Nil:
                reader.ReadNil();
                writer.WriteNullValue();
                break;
            default:
                throw new MessagePackSerializationException($"{reader.NextMessagePackType} values are not part of the protocol.");
        }
    }
}
