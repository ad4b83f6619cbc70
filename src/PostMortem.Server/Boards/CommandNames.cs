using System.Reflection;
using System.Text.Json.Serialization;
using PostMortem.Core.Commands;

namespace PostMortem.Server.Boards;

/// <summary>The wire name ("type") of each command, read once from Core's polymorphism attributes so the
/// server never keeps a second list.</summary>
internal static class CommandNames
{
    private static readonly HashSet<string> Known = typeof(BoardCommand)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .Select(a => a.TypeDiscriminator)
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string name) => Known.Contains(name);
}
