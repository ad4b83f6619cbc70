using System.Reflection;
using System.Text.Json.Serialization;
using PostMortem.Core.Commands;

namespace PostMortem.Server.Boards;

/// <summary>The wire name ("type") of each command, read once from Core's polymorphism attributes so the
/// server never keeps a second list.</summary>
internal static class CommandNames
{
    private static readonly Dictionary<Type, string> ByType = typeof(BoardCommand)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .Where(a => a.TypeDiscriminator is string)
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    private static readonly HashSet<string> Known = new(ByType.Values, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => Known;

    public static string Of(BoardCommand command) => ByType.TryGetValue(command.GetType(), out var name) ? name : command.GetType().Name;

    public static bool IsKnown(string name) => Known.Contains(name);
}
