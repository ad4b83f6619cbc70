using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

/// <summary>Shared validation: ids, texts, enum values. Each returns a rejection or null. Permission rules live in <see cref="Permissions"/>.</summary>
internal static class Rules
{
    public static Rejection Reject(string code, string message) => new(code, message);

    public static Rejection? ValidId(string? id, string what)
    {
        if (string.IsNullOrEmpty(id))
        {
            return Reject(RejectionCodes.InvalidId, $"{what} id is required");
        }

        if (id.Length > Limits.IdLength)
        {
            return Reject(RejectionCodes.InvalidId, $"{what} id is longer than {Limits.IdLength} characters");
        }

        foreach (var ch in id)
        {
            if (!IsIdChar(ch))
            {
                return Reject(RejectionCodes.InvalidId, $"{what} id may contain only letters, digits, '-' and '_'");
            }
        }

        return null;
    }

    /// <summary>Actor ids are the host's (participant ids it issues); Core only bounds them.</summary>
    public static Rejection? ValidActor(string actorId) =>
        actorId.Length is 0 or > Limits.IdLength ? Reject(RejectionCodes.InvalidId, "the actor id must be 1 to 64 characters") : null;

    public static bool IsIdChar(char ch) => ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_';

    /// <summary>Required text: trimmed, not empty, at most <paramref name="max"/> characters.</summary>
    public static Rejection? RequiredText(string? raw, int max, string what, out string text)
    {
        text = raw?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Reject(RejectionCodes.TextRequired, $"{what} is required");
        }

        return text.Length > max ? Reject(RejectionCodes.TextTooLong, $"{what} is longer than {max} characters") : null;
    }

    /// <summary>Optional text: trimmed, may be empty, at most <paramref name="max"/> characters.</summary>
    public static Rejection? OptionalText(string? raw, int max, string what, out string text)
    {
        text = raw?.Trim() ?? "";
        return text.Length > max ? Reject(RejectionCodes.TextTooLong, $"{what} is longer than {max} characters") : null;
    }

    /// <summary>A role in the incident: optional, one line (runs of white space, line breaks included, become one
    /// space), at most <see cref="Limits.JobRoleLength"/> characters; empty means none (null).</summary>
    public static Rejection? OptionalJobRole(string? raw, out string? jobRole)
    {
        jobRole = null;
        if (raw is null)
        {
            return null;
        }

        var text = string.Join(' ', raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length > Limits.JobRoleLength)
        {
            return Reject(RejectionCodes.TextTooLong, $"your role in the incident is longer than {Limits.JobRoleLength} characters");
        }

        jobRole = text.Length == 0 ? null : text;
        return null;
    }

    public static bool IsTimelineLane(NoteKind kind) => kind is NoteKind.Event or NoteKind.Signal;

    public static bool IsDefined(NoteKind kind) => (uint)kind <= (uint)NoteKind.Action;

    public static bool IsDefined(Phase phase) => (uint)phase <= (uint)Phase.Close;

    public static bool IsDefined(KeyMoment moment) => (uint)moment <= (uint)KeyMoment.Resolved;

    public static bool IsDefined(ActionKind kind) => (uint)kind <= (uint)ActionKind.LongTerm;

    public static bool IsDefined(ActionStatus status) => (uint)status <= (uint)ActionStatus.WontDo;

    public static bool IsDefined(IncidentType type) => (uint)type <= (uint)IncidentType.Other;

    public static bool IsDefined(AgendaPreset preset) => (uint)preset <= (uint)AgendaPreset.Custom;

    public static IReadOnlyList<string> ParticipantNames(BoardState state)
    {
        var names = new List<string>(state.Participants.Count);
        foreach (var p in state.Participants.Values)
        {
            names.Add(p.Name);
        }

        return names;
    }
}
