using System.Buffers;
using System.Text;
using System.Text.Json;
using PostMortem.Core.Protocol;

namespace PostMortem.Client.Internal;

/// <summary>
/// The stored offline queue: a JSON array of the Submit requests not yet confirmed, in order, written with the hub's
/// JSON so a command reads back exactly as it would be sent. A page that reloads sends them again with their original
/// clientOpIds, and the server applies each once (R3).
/// </summary>
internal static class QueueFormat
{
    public static string Write(IEnumerable<SubmitRequest> requests)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var request in requests)
            {
                JsonSerializer.Serialize(writer, request, WireJson.Request);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>What could be read back; an unreadable item (a command a newer build wrote) or a damaged value is dropped.</summary>
    public static List<SubmitRequest> Read(string? json)
    {
        var result = new List<SubmitRequest>();
        if (string.IsNullOrEmpty(json))
        {
            return result;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return result;
            }

            foreach (var item in document.RootElement.EnumerateArray())
            {
                try
                {
                    if (item.Deserialize(WireJson.Request) is { ClientOpId.Length: > 0, Command: not null } request)
                    {
                        result.Add(request);
                    }
                }
                catch (JsonException)
                {
                }
            }
        }
        catch (JsonException)
        {
        }

        return result;
    }
}
