using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PostMortem.Core;
using PostMortem.Data.Entities;
using PostMortem.Server.Tests.Infrastructure;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace PostMortem.Server.Tests;

/// <summary>
/// One enum format across the product (docs/PROTOCOL.md): every enum is written as Core writes it
/// (camelCase) and read in any case, on the hub and over HTTP alike.
/// </summary>
public sealed class WireFormatTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    /// <summary>Core's wire enums, and the incident log's own.</summary>
    public static TheoryData<Type> WireEnums()
    {
        var data = new TheoryData<Type>();
        foreach (var type in CoreWireEnums())
        {
            data.Add(type);
        }

        data.Add(typeof(IncidentStatus));
        return data;
    }

    [Theory]
    [MemberData(nameof(WireEnums))]
    public void HttpBodiesWriteEnumsInCamelCaseAndReadThemInAnyCase(Type enumType)
    {
        _ = server.BaseAddress;
        AssertCoreEnumFormat(server.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions, enumType);
    }

    /// <summary>Core's public enums that Core's JSON carries (an enum used only in process, like DecisionKind, is not on the wire).</summary>
    public static IEnumerable<Type> CoreWireEnums() =>
        typeof(Board).Assembly.GetExportedTypes()
            .Where(t => t.IsEnum && CoreJson.Options.TryGetTypeInfo(t, out _))
            .OrderBy(t => t.Name, StringComparer.Ordinal);

    public static TheoryData<Type> HubEnums()
    {
        var data = new TheoryData<Type>();
        foreach (var type in CoreWireEnums())
        {
            data.Add(type);
        }

        return data;
    }

    // The incident log's enums are HTTP only, so the hub's rows are Core's wire enums alone: every row asserts.
    [Theory]
    [MemberData(nameof(HubEnums))]
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
            // Core's own format, byte for byte, wherever Core serializes the type itself (the incident log's enums it does not).
            if (enumType.Assembly == typeof(Board).Assembly)
            {
                Assert.Equal(JsonSerializer.Serialize(value, enumType, CoreJson.Options), JsonSerializer.Serialize(value, enumType, options));
            }

            foreach (var spelling in new[] { camel, name, name.ToUpperInvariant(), name.ToLowerInvariant() })
            {
                Assert.Equal(value, JsonSerializer.Deserialize($"\"{spelling}\"", enumType, options));
            }
        }
    }
}
