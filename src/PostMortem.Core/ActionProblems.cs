using PostMortem.Core.Internal;
using PostMortem.Core.Model;

namespace PostMortem.Core;

/// <summary>
/// Something about an action that would let it slip through to the follow-up list unnoticed: the UI says
/// <see cref="Message"/> where the action is filled in. A warning, never a block.
/// </summary>
/// <param name="Code">One of <see cref="ActionProblemCodes"/>.</param>
/// <param name="Message">A sentence to show as it is.</param>
public sealed record ActionProblem(string Code, string Message);

/// <summary>Stable codes of <see cref="ActionProblem"/>: part of the wire protocol (docs/PROTOCOL.md 3.6); never rename one.</summary>
public static class ActionProblemCodes
{
    /// <summary>Chosen, or its details begun, and nobody owns it.</summary>
    public const string NoOwner = "no_owner";

    /// <summary>Chosen, or its details begun, and it has no due date.</summary>
    public const string NoDueDate = "no_due_date";

    /// <summary>Its due date is before the meeting's day (in the board's time zone).</summary>
    public const string DueDatePast = "due_date_past";
}

/// <summary>The action checks behind <see cref="Derived.ActionProblems"/>.</summary>
internal static class ActionChecks
{
    /// <summary>
    /// Problems per action note id, ordered by id. An idea on the action board is not nagged: owner and due date are
    /// asked for once the action is chosen or someone began to fill in its details; a due date in the past always is.
    /// "Past" is before the day <paramref name="now"/> falls on in the board's time zone.
    /// </summary>
    public static SortedDictionary<string, IReadOnlyList<ActionProblem>> For(BoardState state, DateTimeOffset now)
    {
        var result = new SortedDictionary<string, IReadOnlyList<ActionProblem>>(StringComparer.Ordinal);
        DateOnly? today = null;
        foreach (var note in state.Notes.Values)
        {
            if (note.Action is not { } a)
            {
                continue;
            }

            List<ActionProblem>? problems = null;
            var begun = a.Chosen || a.Owner is not null || a.DueDate is not null || a.TrackerUrl is not null;
            if (begun && string.IsNullOrEmpty(a.Owner))
            {
                (problems ??= []).Add(new ActionProblem(ActionProblemCodes.NoOwner, "This action has no owner yet: name the one person who will see it through."));
            }

            if (a.DueDate is not { } due)
            {
                if (begun)
                {
                    (problems ??= []).Add(new ActionProblem(ActionProblemCodes.NoDueDate, "This action has no due date yet: without one it is never late."));
                }
            }
            else if (due < (today ??= Today(state, now)))
            {
                (problems ??= []).Add(new ActionProblem(
                    ActionProblemCodes.DueDatePast,
                    $"The due date {due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} is already past: pick a day still ahead."));
            }

            if (problems is not null)
            {
                result[note.Id] = problems;
            }
        }

        return result;
    }

    private static DateOnly Today(BoardState state, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZones.FindOrUtc(state.Meta.TimeZone)).DateTime);

    public static bool Same(IReadOnlyDictionary<string, IReadOnlyList<ActionProblem>> a, IReadOnlyDictionary<string, IReadOnlyList<ActionProblem>> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (id, problems) in a)
        {
            if (!b.TryGetValue(id, out var other) || !problems.SequenceEqual(other))
            {
                return false;
            }
        }

        return true;
    }
}
