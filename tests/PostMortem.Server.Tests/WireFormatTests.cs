using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PostMortem.Core;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Server.Tests.Infrastructure;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace PostMortem.Server.Tests;

/// <summary>
/// One enum format across the product (docs/PROTOCOL.md): every enum is written as Core writes it
/// (camelCase) and read in any case, on the hub and over HTTP alike.
/// </summary>
public sealed class WireFormatTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    private static readonly JsonSerializerOptions Protocol = ProtocolJson.CreateOptions();

    /// <summary>Every enum of the wire contract: those Core's JSON or the protocol's records carry.</summary>
    public static TheoryData<Type> WireEnums()
    {
        var data = new TheoryData<Type>();
        foreach (var type in CoreWireEnums())
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WireEnums))]
    public void HttpBodiesWriteEnumsInCamelCaseAndReadThemInAnyCase(Type enumType)
    {
        _ = server.BaseAddress;
        AssertCoreEnumFormat(server.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions, enumType);
    }

    /// <summary>Core's public enums that Core's JSON or the protocol's records carry (an enum used only in process,
    /// like DecisionKind, is not on the wire). IncidentStatus is one of them (the incident log's rows).</summary>
    public static IEnumerable<Type> CoreWireEnums() =>
        typeof(Board).Assembly.GetExportedTypes()
            .Where(t => t.IsEnum && (CoreJson.Options.TryGetTypeInfo(t, out _) || ProtocolJsonContext.Default.Options.TryGetTypeInfo(t, out _)))
            .OrderBy(t => t.Name, StringComparer.Ordinal);

    [Fact]
    public void TheIncidentLogsStatusIsAWireEnum() => Assert.Contains(typeof(IncidentStatus), CoreWireEnums());

    [Theory]
    [MemberData(nameof(WireEnums))]
    public void HubPayloadsWriteCoreEnumsInCamelCaseAndReadThemInAnyCase(Type enumType)
    {
        _ = server.BaseAddress;
        AssertCoreEnumFormat(server.Services.GetRequiredService<IOptions<JsonHubProtocolOptions>>().Value.PayloadSerializerOptions, enumType);
    }

    private static void AssertCoreEnumFormat(JsonSerializerOptions options, Type enumType)
    {
        foreach (var value in Enum.GetValues(enumType))
        {
            var name = Enum.GetName(enumType, value)!;
            var camel = char.ToLowerInvariant(name[0]) + name[1..];
            Assert.Equal($"\"{camel}\"", JsonSerializer.Serialize(value, enumType, options));
            // Core's own format, byte for byte: its stored JSON where it stores the type, else the protocol's records.
            var reference = CoreJson.Options.TryGetTypeInfo(enumType, out _) ? CoreJson.Options : Protocol;
            Assert.Equal(JsonSerializer.Serialize(value, enumType, reference), JsonSerializer.Serialize(value, enumType, options));

            foreach (var spelling in new[] { camel, name, name.ToUpperInvariant(), name.ToLowerInvariant() })
            {
                Assert.Equal(value, JsonSerializer.Deserialize($"\"{spelling}\"", enumType, options));
            }
        }
    }
}
