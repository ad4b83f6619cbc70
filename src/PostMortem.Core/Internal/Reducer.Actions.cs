using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Internal.Permissions;
using static PostMortem.Core.Internal.Rules;

namespace PostMortem.Core.Internal;

// Votes, ranking, chosen actions and their follow-up.
internal static partial class Reducer
{
    /// <summary>More chosen actions than this is a warning (never a block): a team finishes two or three.</summary>
    internal const int RecommendedActions = 3;

    public const string TooManyActionsWarning = "too_many_actions";

    private static Rejection? FindAction(ApplyContext ctx, string? id, out Note note)
    {
        if (FindNote(ctx, id, out note) is { } r)
        {
            return r;
        }

        return note.Kind == NoteKind.Action ? null : Reject(RejectionCodes.WrongNoteKind, "this is not an action note");
    }

    private static Rejection? VotingOpen(ApplyContext ctx) => Permissions.VotingOpen(ctx.Meta);

    private static void EmitMyVotes(ApplyContext ctx, string voter, List<string>? votes) =>
        ctx.Emit(new MyVotesChanged(votes is null ? [] : [.. votes]) { VisibleTo = voter });

    private static Rejection? OnCastVote(ApplyContext ctx, CastVote c)
    {
        if ((VotingOpen(ctx) ?? FindAction(ctx, c.NoteId, out _) ?? Unlocked(ctx, Phase.Actions)) is { } r)
        {
            return r;
        }

        ctx.State.Votes.TryGetValue(ctx.ActorId, out var votes);
        if ((votes?.Count ?? 0) >= ctx.Meta.VotesPerParticipant)
        {
            return Reject(RejectionCodes.NoVotesLeft, $"you have used all {ctx.Meta.VotesPerParticipant} of your votes; take one back to vote again");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        if (votes is null)
        {
            votes = [];
            ctx.State.Votes[ctx.ActorId] = votes;
        }

        votes.Add(c.NoteId);
        EmitMyVotes(ctx, ctx.ActorId, votes);
        return null;
    }

    private static Rejection? OnRetractVote(ApplyContext ctx, RetractVote c)
    {
        if ((VotingOpen(ctx) ?? FindAction(ctx, c.NoteId, out _) ?? Unlocked(ctx, Phase.Actions)) is { } r)
        {
            return r;
        }

        var index = ctx.State.Votes.TryGetValue(ctx.ActorId, out var votes) ? votes.LastIndexOf(c.NoteId) : -1;
        if (index < 0)
        {
            return Reject(RejectionCodes.NoVoteToRetract, "you have no vote on this action");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        votes!.RemoveAt(index);
        if (votes.Count == 0)
        {
            ctx.State.Votes.Remove(ctx.ActorId);
        }

        EmitMyVotes(ctx, ctx.ActorId, votes);
        return null;
    }

    /// <summary>Votes already cast stay when the limit is lowered; the limit applies to new ones.</summary>
    private static Rejection? OnSetVoteLimit(ApplyContext ctx, SetVoteLimit c)
    {
        if (c.Votes < 1 || c.Votes > Limits.MaxVotesPerParticipant)
        {
            return Reject(RejectionCodes.InvalidValue, $"each participant gets 1 to {Limits.MaxVotesPerParticipant} votes");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        ctx.Meta.VotesPerParticipant = c.Votes;
        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnRevealVotes(ApplyContext ctx)
    {
        if (ctx.Meta.VotesRevealed)
        {
            return Reject(RejectionCodes.VotesAlreadyRevealed, "the votes have already been revealed");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        ctx.Meta.VotesRevealed = true;
        ctx.TouchMeta();
        ctx.Emit(new TalliesChanged(Analysis.Tallies(ctx.State)));
        return null;
    }

    private static Rejection? OnSetTieBreakOrder(ApplyContext ctx, SetTieBreakOrder c)
    {
        var ids = c.NoteIds ?? [];
        if (ids.Count > Limits.NotesPerBoard)
        {
            return Reject(RejectionCodes.TooMany, "the tie-break order lists more actions than the board has");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (FindAction(ctx, id, out _) is { } r)
            {
                return r;
            }

            if (!seen.Add(id))
            {
                return Reject(RejectionCodes.InvalidValue, "each action is listed once in the tie-break order");
            }
        }

        if (ctx.DryRun)
        {
            return null;
        }

        ctx.Meta.TieBreakOrder = [.. ids];
        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnChooseAction(ApplyContext ctx, ChooseAction c)
    {
        if (FindAction(ctx, c.NoteId, out var note) is { } r)
        {
            return r;
        }

        var action = note.Action!;
        var chosen = 0;
        foreach (var n in ctx.State.Notes.Values)
        {
            if (n.Action is { Chosen: true } && !ReferenceEquals(n, note))
            {
                chosen++;
            }
        }

        if (c.Chosen && chosen + 1 > RecommendedActions)
        {
            (ctx.Warnings ??= []).Add(TooManyActionsWarning);
        }

        if (ctx.DryRun || action.Chosen == c.Chosen)
        {
            return null;
        }

        action.Chosen = c.Chosen;
        note.UpdatedAt = ctx.At;
        ctx.Emit(new NoteChanged(Cloning.Clone(note)));
        return null;
    }

    private static readonly string[] _clearable = ["owner", "ownerParticipantId", "dueDate", "trackerUrl"];

    private static Rejection? OnSetActionDetails(ApplyContext ctx, SetActionDetails c)
    {
        if ((FindAction(ctx, c.NoteId, out var note) ?? Author(ctx, note.AuthorId, "action") ?? Unlocked(ctx, Phase.Actions)) is { } r1)
        {
            return r1;
        }

        var clear = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in c.Clear ?? [])
        {
            var known = Array.Find(_clearable, f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                return Reject(RejectionCodes.InvalidValue, "only the owner, the due date and the tracker link can be cleared");
            }

            clear.Add(known);
        }

        string? owner = null;
        if (c.Owner is not null)
        {
            if (RequiredText(c.Owner, Limits.NameLength, "the owner", out owner) is { } r2)
            {
                return r2;
            }

            if (LanguageCoach.IsGroupName(owner))
            {
                return Reject(RejectionCodes.OwnerNotAPerson, "an action is owned by one named person, not a team or group");
            }
        }

        Participant? ownerParticipant = null;
        if (c.OwnerParticipantId is not null
            && (!ctx.State.Participants.TryGetValue(c.OwnerParticipantId, out ownerParticipant) || ownerParticipant.Removed))
        {
            return Reject(RejectionCodes.ParticipantNotFound, "the owner must be a participant of this board");
        }

        if (c.ActionKind is { } kind && !IsDefined(kind))
        {
            return Reject(RejectionCodes.InvalidValue, "unknown action kind");
        }

        if (c.TrackerUrl is not null && !IsHttpUrl(c.TrackerUrl))
        {
            return Reject(RejectionCodes.InvalidValue, $"the tracker link must be an absolute http(s) address of at most {Limits.UrlLength} characters");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var a = note.Action!;
        var before = (a.Owner, a.OwnerParticipantId, a.DueDate);
        if (clear.Contains("owner"))
        {
            a.Owner = null;
            a.OwnerParticipantId = null;
        }

        if (clear.Contains("ownerParticipantId"))
        {
            a.OwnerParticipantId = null;
        }

        if (clear.Contains("dueDate"))
        {
            a.DueDate = null;
        }

        if (clear.Contains("trackerUrl"))
        {
            a.TrackerUrl = null;
        }

        if (ownerParticipant is not null)
        {
            a.OwnerParticipantId = ownerParticipant.Id;
            a.Owner = owner ?? ownerParticipant.Name;
        }
        else if (owner is not null)
        {
            // A new name that is not the linked participant's unlinks them: they no longer own it.
            if (a.OwnerParticipantId is not null
                && !(ctx.State.Participants.TryGetValue(a.OwnerParticipantId, out var linked) && string.Equals(linked.Name, owner, StringComparison.OrdinalIgnoreCase)))
            {
                a.OwnerParticipantId = null;
            }

            a.Owner = owner;
        }

        a.DueDate = c.DueDate ?? a.DueDate;
        a.ActionKind = c.ActionKind ?? a.ActionKind;
        a.TrackerUrl = c.TrackerUrl ?? a.TrackerUrl;

        // The owner said "yes" to an owner and a date; changing either asks them again.
        if (a.AcknowledgedAt is not null && before != (a.Owner, a.OwnerParticipantId, a.DueDate))
        {
            a.AcknowledgedAt = null;
        }

        note.UpdatedAt = ctx.At;
        ctx.Emit(new NoteChanged(Cloning.Clone(note)));
        return null;
    }

    private static bool IsHttpUrl(string url) =>
        url.Length <= Limits.UrlLength
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    internal static bool IsReady(ActionDetails a) => Permissions.IsReady(a);

    private static Rejection? OnAcknowledgeAction(ApplyContext ctx, AcknowledgeAction c)
    {
        if (FindAction(ctx, c.NoteId, out var note) is { } r1)
        {
            return r1;
        }

        var a = note.Action!;
        if (Owner(ctx, a) is { } r2)
        {
            return r2;
        }

        if (!MayAcknowledge(a))
        {
            return Reject(RejectionCodes.ActionNotReady, "only a chosen action with an owner and a due date can be acknowledged");
        }

        if (ctx.DryRun || a.AcknowledgedAt is not null)
        {
            return null;
        }

        a.AcknowledgedAt = ctx.At;
        note.UpdatedAt = ctx.At;
        ctx.Emit(new NoteChanged(Cloning.Clone(note)));
        return null;
    }

    private static Rejection? OnUpdateActionStatus(ApplyContext ctx, UpdateActionStatus c)
    {
        if (FindAction(ctx, c.NoteId, out var note) is { } r1)
        {
            return r1;
        }

        var a = note.Action!;
        if (Owner(ctx, a) is { } r2)
        {
            return r2;
        }

        if (!IsDefined(c.Status))
        {
            return Reject(RejectionCodes.InvalidValue, "unknown action status");
        }

        if (ctx.DryRun || a.Status == c.Status)
        {
            return null;
        }

        a.Status = c.Status;
        // Follow-through is measured to the moment an action was done: a reopened action is no longer done.
        a.DoneAt = c.Status == ActionStatus.Done ? ctx.At : null;
        note.UpdatedAt = ctx.At;
        ctx.Emit(new NoteChanged(Cloning.Clone(note)));
        return null;
    }
}
