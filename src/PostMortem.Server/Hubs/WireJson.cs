using System.Text.Json;
using System.Text.Json.Serialization;
using PostMortem.Core;

namespace PostMortem.Server.Hubs;

/// <summary>
/// The product's enum format on every JSON surface the server owns (hub payloads, HTTP bodies): exactly
/// Core's (camelCase out, any case in). A source-generated context used under options it did not generate
/// (as ASP.NET's HTTP options are) only sees converters that are in those options; without them an enum
/// would fall back to numbers and a body with "agendaPreset":"ninety" could not be read.
/// </summary>
internal static class WireJson
{
    /// <summary>Adds Core's enum converters (and <paramref name="extra"/> ones) that the options lack.</summary>
    public static void UseEnumFormat(JsonSerializerOptions options, params ReadOnlySpan<JsonConverter> extra)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var converter in CoreJson.Options.Converters)
        {
            Add(options, converter);
        }

        foreach (var converter in extra)
        {
            Add(options, converter);
        }
    }

    private static void Add(JsonSerializerOptions options, JsonConverter converter)
    {
        // The converter type names its enum (CamelCaseEnumConverter<Phase>); one per enum is enough.
        if (!options.Converters.Any(c => c.GetType() == converter.GetType()))
        {
            options.Converters.Add(converter);
        }
    }
}
