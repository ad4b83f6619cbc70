using System.Text;
using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

/// <summary>
/// Participants' names → their roles ("facilitator", "participant 2" in join order), for a write-up
/// shared beyond the room. Full names are replaced before single words of a name.
/// </summary>
internal sealed class NameMasks
{
    private readonly List<(string Name, string Role)> _masks = [];
    private readonly Dictionary<string, string> _roleById = new(StringComparer.Ordinal);

    public static NameMasks For(BoardState state)
    {
        var masks = new NameMasks();
        var n = 0;
        foreach (var p in Sorted.Participants(state))
        {
            var role = p.Role == Role.Facilitator ? "facilitator" : "participant " + (++n).ToString(System.Globalization.CultureInfo.InvariantCulture);
            masks._roleById[p.Id] = role;
            var full = p.Name.Trim();
            if (full.Length < 2)
            {
                continue;
            }

            masks._masks.Add((full, role));
            foreach (var token in full.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (token.Length >= 2 && !string.Equals(token, full, StringComparison.Ordinal))
                {
                    masks._masks.Add((token, role));
                }
            }
        }

        masks._masks.Sort(static (a, b) => b.Name.Length != a.Name.Length ? b.Name.Length.CompareTo(a.Name.Length) : string.CompareOrdinal(a.Name, b.Name));
        return masks;
    }

    /// <summary>The role a participant is shown as; null for someone not on the board (session replay).</summary>
    public string? RoleOf(string participantId) => _roleById.GetValueOrDefault(participantId);

    public string? Owner(ActionDetails action)
    {
        if (action.OwnerParticipantId is { } id && _roleById.TryGetValue(id, out var role))
        {
            return role;
        }

        return action.Owner is null ? null : Apply(action.Owner);
    }

    public string Apply(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = text;
        foreach (var (name, role) in _masks)
        {
            result = ReplaceWord(result, name, role, LanguageCoach.IsWordLikeName(name));
        }

        return result;
    }

    /// <param name="capitalOnly">For names that are also words ("Will", "May"): only the capitalised form is the name.</param>
    private static string ReplaceWord(string text, string word, string replacement, bool capitalOnly)
    {
        var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var from = 0;
        while (at >= 0)
        {
            var end = at + word.Length;
            var bounded = (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]))
                && (!capitalOnly || char.IsUpper(text[at]));
            if (bounded)
            {
                sb.Append(text, from, at - from).Append(replacement);
                from = end;
            }

            at = end <= text.Length ? text.IndexOf(word, bounded ? end : at + 1, StringComparison.OrdinalIgnoreCase) : -1;
        }

        return sb.Append(text, from, text.Length - from).ToString();
    }
}
