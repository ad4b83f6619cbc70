using System.Globalization;
using System.Text;
using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

/// <summary>
/// Names → roles, for a write-up (or a replay) shared beyond the room. Each participant is shown as the role in the
/// incident they gave ("on-call engineer"), numbered in join order when several gave the same one ("on-call engineer 1",
/// "on-call engineer 2"); without one as "facilitator" or "participant N". Someone who signed off without being on the
/// board is "reader N", and an action owner named in free text who is neither is "owner N". Every such name — in full
/// and each word of it — is replaced wherever it appears in a text, longest first, in one pass (a role put in is never
/// read again as a name). Roles are kept as typed ("SRE", "DBA" would not survive lower-casing); two count as the same
/// role whatever their case, and the first spelling names the group.
/// </summary>
internal sealed class NameMasks
{
    private const string Unnamed = "participant";

    /// <summary>A name, the label that replaces it, and whether only its capitalised form is a name ("Will", "May").</summary>
    private readonly record struct Mask(string Name, string Label, bool CapitalOnly);

    private readonly Dictionary<char, List<Mask>> _masksByFirst = [];
    private readonly Dictionary<string, string> _labelById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _labelBySignOff = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _labelByOutsideOwner = new(StringComparer.OrdinalIgnoreCase);

    public static NameMasks For(BoardState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var masks = new NameMasks();
        var people = Sorted.Participants(state);
        var named = new List<(string Name, string Label, bool Outsider)>();

        // The facilitator is the role they hold now (after a hand-over, the new one).
        var bases = people.ConvertAll(p => p.JobRole ?? (p.Role == Role.Facilitator ? "facilitator" : Unnamed));
        var labels = Labels(bases);
        for (var i = 0; i < people.Count; i++)
        {
            masks._labelById[people[i].Id] = labels[i];
            named.Add((people[i].Name, labels[i], false));
        }

        var readers = 0;
        foreach (var s in state.SignOffs)
        {
            var label = masks._labelById.TryGetValue(s.ActorId, out var own) ? own
                : masks._labelBySignOff.TryGetValue(s.Name, out var seen) ? seen
                : "reader " + (++readers).ToString(CultureInfo.InvariantCulture);
            masks._labelBySignOff[s.Name] = label;
            named.Add((s.Name, label, false));
        }

        masks.AddAll(named);

        // Owners typed as free text who are not linked to a participant: a known name ("Priya Shah" for Priya) is that
        // person, and the rest of it ("Shah") becomes a name of theirs too; anyone else is from outside the room.
        var owners = 0;
        var outsiders = new List<(string Name, string Label, bool Outsider)>();
        foreach (var note in Sorted.Notes(state))
        {
            if (note.Action is { Owner: { } owner } action && !masks._labelById.ContainsKey(action.OwnerParticipantId ?? "")
                && owner.Trim() is { Length: > 0 } trimmed && !masks._labelByOutsideOwner.ContainsKey(trimmed))
            {
                var label = masks.FirstLabel(trimmed) ?? "owner " + (++owners).ToString(CultureInfo.InvariantCulture);
                masks._labelByOutsideOwner[trimmed] = label;
                outsiders.Add((trimmed, label, true));
            }
        }

        masks.AddAll(outsiders);
        masks.SanitiseLabels();
        return masks;
    }

    /// <summary>The label shown for a participant in place of their name; null for someone not on the board.</summary>
    public string? RoleOf(string participantId) => _labelById.GetValueOrDefault(participantId);

    public string? Owner(ActionDetails action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.OwnerParticipantId is { } id && _labelById.TryGetValue(id, out var role))
        {
            return role;
        }

        if (action.Owner is null)
        {
            return null;
        }

        var owner = action.Owner.Trim();
        return _labelByOutsideOwner.TryGetValue(owner, out var outsider) ? outsider : Apply(owner);
    }

    /// <summary>A sign-off's name: the signer's role when they are on the board, else "reader N".</summary>
    public string SignOff(SignOff signOff)
    {
        ArgumentNullException.ThrowIfNull(signOff);
        return _labelById.TryGetValue(signOff.ActorId, out var role) ? role
            : _labelBySignOff.TryGetValue(signOff.Name, out var label) ? label
            : Apply(signOff.Name);
    }

    /// <summary>
    /// The coach's findings for a text shown masked (<paramref name="maskedText"/> = <see cref="Apply"/> of it): a "name"
    /// finding goes (its name is gone), the others keep their rule with the words and suggestion masked and the offset
    /// of those words in the masked text.
    /// </summary>
    public IReadOnlyList<CoachFlag> Flags(IReadOnlyList<CoachFlag> flags, string maskedText)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(maskedText);
        var result = new List<CoachFlag>(flags.Count);
        foreach (var f in flags)
        {
            if (string.Equals(f.Rule, LanguageCoach.NameRule, StringComparison.Ordinal))
            {
                continue;
            }

            var match = Apply(f.Match);
            var at = maskedText.IndexOf(match, StringComparison.Ordinal);
            result.Add(new CoachFlag(f.Rule, match, at < 0 ? 0 : at, Apply(f.Hint), f.Suggestion is null ? null : Apply(f.Suggestion)));
        }

        return result;
    }

    /// <summary>The text with every known name (whole words only) replaced by its label.</summary>
    public string Apply(string text)
    {
        if (string.IsNullOrEmpty(text) || _masksByFirst.Count == 0)
        {
            return text;
        }

        StringBuilder? sb = null;
        var from = 0;
        for (var at = 0; at < text.Length; at++)
        {
            if (MatchAt(text, at) is { } mask)
            {
                sb ??= new StringBuilder(text.Length + 16);
                sb.Append(text, from, at - from).Append(mask.Label);
                from = at + mask.Name.Length;
                at = from - 1;
            }
        }

        return sb is null ? text : sb.Append(text, from, text.Length - from).ToString();
    }

    /// <summary>The label of the first name in <paramref name="text"/>; null when it names nobody known.</summary>
    private string? FirstLabel(string text)
    {
        for (var at = 0; at < text.Length; at++)
        {
            if (MatchAt(text, at) is { } mask)
            {
                return mask.Label;
            }
        }

        return null;
    }

    /// <summary>The longest name that starts a word at <paramref name="at"/> and ends one.</summary>
    private Mask? MatchAt(string text, int at)
    {
        if ((at > 0 && char.IsLetterOrDigit(text[at - 1])) || !_masksByFirst.TryGetValue(char.ToLowerInvariant(text[at]), out var candidates))
        {
            return null;
        }

        foreach (var mask in candidates)
        {
            var end = at + mask.Name.Length;
            if (end <= text.Length && string.Compare(text, at, mask.Name, 0, mask.Name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (end == text.Length || !char.IsLetterOrDigit(text[end])) && (!mask.CapitalOnly || char.IsUpper(text[at])))
            {
                return mask;
            }
        }

        return null;
    }

    /// <summary>Numbers a role when more than one person has it (in the order given); "participant" always.</summary>
    private static List<string> Labels(List<string> bases)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var spelling = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var b in bases)
        {
            counts[b] = counts.GetValueOrDefault(b) + 1;
            spelling.TryAdd(b, b);
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        return bases.ConvertAll(b =>
        {
            var n = seen[b] = seen.GetValueOrDefault(b) + 1;
            return counts[b] > 1 || string.Equals(b, Unnamed, StringComparison.OrdinalIgnoreCase)
                ? spelling[b] + " " + n.ToString(CultureInfo.InvariantCulture)
                : spelling[b];
        });
    }

    private void AddAll(List<(string Name, string Label, bool Outsider)> named)
    {
        foreach (var (name, label, outsider) in named)
        {
            var full = name.Trim();
            if (full.Length < 2)
            {
                continue;
            }

            Add(new Mask(full, label, false));
            foreach (var token in full.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (token.Length >= 2 && !string.Equals(token, full, StringComparison.Ordinal))
                {
                    // An outsider's single words ("Platform" of "Platform Lee") are names only when capitalised.
                    Add(new Mask(token, label, outsider || LanguageCoach.IsWordLikeName(token)));
                }
            }
        }
    }

    private void Add(Mask mask)
    {
        var first = char.ToLowerInvariant(mask.Name[0]);
        if (!_masksByFirst.TryGetValue(first, out var list))
        {
            list = [];
            _masksByFirst[first] = list;
        }

        // A name already masked keeps its first label (a participant before a reader before an outsider).
        if (list.Exists(m => string.Equals(m.Name, mask.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        list.Add(mask);
        list.Sort(static (a, b) => b.Name.Length != a.Name.Length ? b.Name.Length.CompareTo(a.Name.Length) : string.CompareOrdinal(a.Name, b.Name));
    }

    /// <summary>A role typed with a name in it ("Sam's backup") must not bring the name back: names in labels become "someone".</summary>
    private void SanitiseLabels()
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var list in _masksByFirst.Values)
        {
            foreach (var m in list)
            {
                labels.TryAdd(m.Label, m.Label);
            }
        }

        var someone = new NameMasks();
        foreach (var (first, list) in _masksByFirst)
        {
            someone._masksByFirst[first] = list.ConvertAll(m => m with { Label = "someone" });
        }

        var changed = false;
        foreach (var label in labels.Keys.ToList())
        {
            var clean = someone.Apply(label);
            changed |= !string.Equals(clean, label, StringComparison.Ordinal);
            labels[label] = clean;
        }

        if (!changed)
        {
            return;
        }

        foreach (var list in _masksByFirst.Values)
        {
            for (var i = 0; i < list.Count; i++)
            {
                list[i] = list[i] with { Label = labels[list[i].Label] };
            }
        }

        Relabel(_labelById, labels);
        Relabel(_labelBySignOff, labels);
        Relabel(_labelByOutsideOwner, labels);
    }

    private static void Relabel(Dictionary<string, string> byKey, Dictionary<string, string> labels)
    {
        foreach (var key in byKey.Keys.ToList())
        {
            byKey[key] = labels[byKey[key]];
        }
    }
}
