using System.Text.Json.Serialization;
using PostMortem.Server.Auth;

namespace PostMortem.Server.Hubs;

/// <summary>
/// Source-generated JSON for what the server keeps to itself (the participant token's payload). Everything on the
/// wire is Core's protocol (<see cref="ProtocolJsonContext"/>, <see cref="ProtocolJson"/>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 32)]
[JsonSerializable(typeof(TokenPayload))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
