using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Internal.Permissions;
using static PostMortem.Core.Internal.Rules;

namespace PostMortem.Core.Internal;

// Sticky notes: timeline events and signals, parking lot, contributing factors, actions.
internal static partial class Reducer
{
    private static Rejection? FindNote(ApplyContext ctx, string? id, out Note note)
    {
        if (id is not null && ctx.State.Notes.TryGetValue(id, out var found))
        {
            note = found;
            return null;
        }

        note = null!;
        return Reject(RejectionCodes.NoteNotFound, "no such note");
    }

    private static Rejection? ValidPosition(double position) =>
        double.IsFinite(position) ? null : Reject(RejectionCodes.InvalidValue, "position must be a finite number");

    private static List<CoachFlag> Coach(ApplyContext ctx, string text) =>
        LanguageCoach.CheckList(text, ParticipantNames(ctx.State));

    private static Rejection? OnAddNote(ApplyContext ctx, AddNote c)
    {
        if (ValidId(c.NoteId, "note") is { } r1)
        {
            return r1;
        }

        if (!IsDefined(c.Kind))
        {
            return Reject(RejectionCodes.InvalidValue, "unknown note kind");
        }

        if (Unlocked(ctx, PhaseOf(c.Kind)) is { } r2)
        {
            return r2;
        }

        if (RequiredText(c.Text, Limits.NoteTextLength, "the note's text", out var text) is { } r3)
        {
            return r3;
        }

        if (ctx.State.Notes.ContainsKey(c.NoteId))
        {
            return Reject(RejectionCodes.IdTaken, "a note with this id already exists");
        }

        if (ctx.State.Notes.Count >= Limits.NotesPerBoard)
        {
            return Reject(RejectionCodes.TooMany, $"a board takes at most {Limits.NotesPerBoard} notes");
        }

        // Counting is only needed once the board holds more notes than one participant may add.
        if (!ctx.IsFacilitator && ctx.State.Notes.Count >= Limits.NotesPerParticipant
            && ctx.State.Notes.Values.Count(n => string.Equals(n.AuthorId, ctx.ActorId, StringComparison.Ordinal)) >= Limits.NotesPerParticipant)
        {
            return Reject(RejectionCodes.TooMany, $"one participant adds at most {Limits.NotesPerParticipant} notes");
        }

        if (c.OccurredAt is not null && !IsTimelineLane(c.Kind))
        {
            return Reject(RejectionCodes.InvalidValue, "only timeline events and signals carry a time");
        }

        if (ValidPosition(c.Position) is { } r4)
        {
            return r4;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var note = new Note
        {
            Id = c.NoteId,
            Kind = c.Kind,
            Text = text,
            AuthorId = ctx.ActorId,
            CreatedAt = ctx.At,
            UpdatedAt = ctx.At,
            OccurredAt = c.OccurredAt?.ToUniversalTime(),
            Position = c.Position,
            Flags = Coach(ctx, text),
            Action = c.Kind == NoteKind.Action ? new ActionDetails() : null,
        };
        ctx.State.NotesById[note.Id] = note;
        ctx.Emit(new NoteChanged(Cloning.Clone(note)));
        return null;
    }

    private static Rejection? OnEditNote(ApplyContext ctx, EditNote c)
    {
        if (FindNote(ctx, c.NoteId, out var note) is { } r1)
        {
            return r1;
        }

        if ((Author(ctx, note.AuthorId, "note") ?? Unlocked(ctx, PhaseOf(note.Kind))) is { } r2)
        {
            return r2;
        }

        if (RequiredText(c.Text, Limits.NoteTextLength, "the note's text", out var text) is { } r3)
        {
            return r3;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        note.Text = text;
        note.Flags = Coach(ctx, text);
        note.UpdatedAt = ctx.At;
        ctx.Emit(new NoteChanged(Cloning.Clone(note)));
        return null;
    }

    private static Rejection? OnMoveNote(ApplyContext ctx, MoveNote c)
    {
        if (FindNote(ctx, c.NoteId, out var note) is { } r1)
        {
            return r1;
        }

        if ((Author(ctx, note.AuthorId, "note") ?? Unlocked(ctx, PhaseOf(note.Kind))) is { } r2)
        {
            return r2;
        }

        var kind = c.Kind ?? note.Kind;
        if (kind != note.Kind && !(IsTimelineLane(kind) && IsTimelineLane(note.Kind)))
        {
            return Reject(RejectionCodes.WrongNoteKind, "a note can only move between the event and signal lanes");
        }

        if (c.OccurredAt is not null && !IsTimelineLane(kind))
        {
            return Reject(RejectionCodes.InvalidValue, "only timeline events and signals carry a time");
        }

        if (c.Position is { } position && ValidPosition(position) is { } r3)
        {
            return r3;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        note.Kind = kind;
        note.OccurredAt = c.OccurredAt?.ToUniversalTime() ?? note.OccurredAt;
        note.Position = c.Position ?? note.Position;
        note.UpdatedAt = ctx.At;
        ctx.Emit(new NoteChanged(Cloning.Clone(note)));
        return null;
    }

    private static Rejection? OnDeleteNote(ApplyContext ctx, DeleteNote c)
    {
        if (FindNote(ctx, c.NoteId, out var note) is { } r1)
        {
            return r1;
        }

        if ((Author(ctx, note.AuthorId, "note") ?? Unlocked(ctx, PhaseOf(note.Kind))) is { } r2)
        {
            return r2;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        ctx.State.NotesById.Remove(note.Id);
        ctx.Emit(new NoteRemoved(note.Id));
        if (ctx.Meta.TieBreakOrder.Contains(note.Id, StringComparer.Ordinal))
        {
            ctx.Meta.TieBreakOrder = [.. ctx.Meta.TieBreakOrder.Where(id => !string.Equals(id, note.Id, StringComparison.Ordinal))];
            ctx.TouchMeta();
        }

        if (note.Kind == NoteKind.Action)
        {
            RemoveVotesFor(ctx, note.Id);
        }

        return null;
    }

    /// <summary>Votes on a deleted note go back to their voters.</summary>
    private static void RemoveVotesFor(ApplyContext ctx, string noteId)
    {
        List<string>? emptied = null;
        var changed = false;
        foreach (var voter in SortedKeys(ctx.State.Votes))
        {
            var votes = ctx.State.Votes[voter];
            if (votes.RemoveAll(id => string.Equals(id, noteId, StringComparison.Ordinal)) == 0)
            {
                continue;
            }

            changed = true;
            ctx.Emit(new MyVotesChanged([.. votes]) { VisibleTo = voter });
            if (votes.Count == 0)
            {
                (emptied ??= []).Add(voter);
            }
        }

        if (emptied is not null)
        {
            foreach (var voter in emptied)
            {
                ctx.State.Votes.Remove(voter);
            }
        }

        if (changed && ctx.Meta.VotesRevealed)
        {
            ctx.Emit(new TalliesChanged(Analysis.Tallies(ctx.State)));
        }
    }

    private static List<string> SortedKeys<T>(Dictionary<string, T> dictionary)
    {
        var keys = new List<string>(dictionary.Keys);
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>Anyone on the board may mark key moments on the shared timeline; a moment is held by one
    /// note at a time, so marking moves it.</summary>
    private static Rejection? OnMarkKeyMoment(ApplyContext ctx, MarkKeyMoment c)
    {
        if (FindNote(ctx, c.NoteId, out var note) is { } r1)
        {
            return r1;
        }

        if (!IsTimelineLane(note.Kind))
        {
            return Reject(RejectionCodes.WrongNoteKind, "key moments are marked on timeline events and signals");
        }

        if (c.Moment is { } m && !IsDefined(m))
        {
            return Reject(RejectionCodes.InvalidValue, "unknown key moment");
        }

        if (Unlocked(ctx, Phase.Timeline) is { } r2)
        {
            return r2;
        }

        if (c.Moment is not null && note.OccurredAt is null)
        {
            return Reject(RejectionCodes.InvalidValue, "give the note a time before marking it as a key moment");
        }

        if (ctx.DryRun || note.KeyMoment == c.Moment)
        {
            return null;
        }

        if (c.Moment is { } moment)
        {
            List<Note>? holders = null;
            foreach (var other in ctx.State.Notes.Values)
            {
                if (other.KeyMoment == moment && !ReferenceEquals(other, note))
                {
                    (holders ??= []).Add(other);
                }
            }

            if (holders is not null)
            {
                holders.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
                foreach (var other in holders)
                {
                    other.KeyMoment = null;
                    other.UpdatedAt = ctx.At;
                    ctx.Emit(new NoteChanged(Cloning.Clone(other)));
                }
            }
        }

        note.KeyMoment = c.Moment;
        note.UpdatedAt = ctx.At;
        ctx.Emit(new NoteChanged(Cloning.Clone(note)));
        return null;
    }
}
