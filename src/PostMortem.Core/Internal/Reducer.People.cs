using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Internal.Permissions;
using static PostMortem.Core.Internal.Rules;

namespace PostMortem.Core.Internal;

// Joining, leaving, roles.
internal static partial class Reducer
{
    /// <summary>An unknown actor becomes a participant; a known one (back after leaving, or reconnecting)
    /// is marked present again under the name given, and the role in the incident given (none given: theirs stays).</summary>
    private static Rejection? OnJoin(ApplyContext ctx, Join c)
    {
        if (RequiredText(c.Name, Limits.NameLength, "your name", out var name) is { } r)
        {
            return r;
        }

        if (OptionalJobRole(c.JobRole, out var jobRole) is { } r1)
        {
            return r1;
        }

        var participants = ctx.State.ParticipantsById;
        if (participants.TryGetValue(ctx.ActorId, out var existing))
        {
            var newJobRole = c.JobRole is null ? existing.JobRole : jobRole;
            if (ctx.DryRun || (!existing.Left && string.Equals(existing.Name, name, StringComparison.Ordinal)
                && string.Equals(existing.JobRole, newJobRole, StringComparison.Ordinal)))
            {
                return null;
            }

            existing.Left = false;
            existing.Name = name;
            existing.JobRole = newJobRole;
            ctx.Emit(new ParticipantChanged(Cloning.Clone(existing)));
            return null;
        }

        if (ValidActor(ctx.ActorId) is { } r2)
        {
            return r2;
        }

        if (participants.Count >= Limits.ParticipantsPerBoard)
        {
            return Reject(RejectionCodes.TooMany, $"a board takes at most {Limits.ParticipantsPerBoard} participants");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var p = new Participant { Id = ctx.ActorId, Name = name, Role = Role.Participant, JobRole = jobRole, JoinedAt = ctx.At };
        participants[p.Id] = p;
        ctx.Emit(new ParticipantChanged(Cloning.Clone(p)));
        return null;
    }

    private static Participant Self(ApplyContext ctx) => ctx.State.Participants[ctx.ActorId];

    private static Rejection? OnRename(ApplyContext ctx, Rename c)
    {
        if (RequiredText(c.Name, Limits.NameLength, "your name", out var name) is { } r)
        {
            return r;
        }

        var p = Self(ctx);
        if (ctx.DryRun || string.Equals(p.Name, name, StringComparison.Ordinal))
        {
            return null;
        }

        p.Name = name;
        ctx.Emit(new ParticipantChanged(Cloning.Clone(p)));
        return null;
    }

    /// <summary>Self-only: everyone speaks for their own role in the incident (a write-up shows it in place of their name).</summary>
    private static Rejection? OnSetJobRole(ApplyContext ctx, SetJobRole c)
    {
        if (c.ParticipantId is not null && !string.Equals(c.ParticipantId, ctx.ActorId, StringComparison.Ordinal))
        {
            return Reject(RejectionCodes.NotYourself, "each person gives their own role in the incident; you can change only yours");
        }

        if (OptionalJobRole(c.JobRole ?? "", out var jobRole) is { } r)
        {
            return r;
        }

        var p = Self(ctx);
        if (ctx.DryRun || string.Equals(p.JobRole, jobRole, StringComparison.Ordinal))
        {
            return null;
        }

        p.JobRole = jobRole;
        ctx.Emit(new ParticipantChanged(Cloning.Clone(p)));
        return null;
    }

    private static Rejection? OnLeave(ApplyContext ctx)
    {
        var p = Self(ctx);
        if (ctx.DryRun || p.Left)
        {
            return null;
        }

        p.Left = true;
        p.Ready = false;
        ctx.Emit(new ParticipantChanged(Cloning.Clone(p)));
        return null;
    }

    private static Rejection? OnAgreePrimeDirective(ApplyContext ctx, AgreePrimeDirective c)
    {
        var p = Self(ctx);
        if (ctx.DryRun || p.AgreedPrimeDirective == c.Agreed)
        {
            return null;
        }

        p.AgreedPrimeDirective = c.Agreed;
        ctx.Emit(new ParticipantChanged(Cloning.Clone(p)));
        return null;
    }

    private static Rejection? OnSetReady(ApplyContext ctx, SetReady c)
    {
        var p = Self(ctx);
        if (ctx.DryRun || p.Ready == c.Ready)
        {
            return null;
        }

        p.Ready = c.Ready;
        ctx.Emit(new ParticipantChanged(Cloning.Clone(p)));
        return null;
    }

    /// <summary>
    /// The removed participant's token stops working (the host checks <see cref="Participant.Removed"/>).
    /// Their notes stay: they are part of what the room built. Their votes are withdrawn while still
    /// hidden; after the reveal the result the room saw stands.
    /// </summary>
    private static Rejection? OnRemoveParticipant(ApplyContext ctx, RemoveParticipant c)
    {
        if (string.Equals(c.ParticipantId, ctx.ActorId, StringComparison.Ordinal))
        {
            return Reject(RejectionCodes.InvalidValue, "the facilitator cannot remove themselves; hand over the role first");
        }

        if (c.ParticipantId is null || !ctx.State.Participants.TryGetValue(c.ParticipantId, out var p) || p.Removed)
        {
            return Reject(RejectionCodes.ParticipantNotFound, "no such participant on this board");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        p.Removed = true;
        p.Ready = false;
        ctx.Emit(new ParticipantChanged(Cloning.Clone(p)));
        if (!ctx.Meta.VotesRevealed && ctx.State.Votes.Remove(p.Id))
        {
            ctx.Emit(new MyVotesChanged([]) { VisibleTo = p.Id });
        }

        return null;
    }

    private static Rejection? OnHandOver(ApplyContext ctx, HandOver c)
    {
        if (string.Equals(c.ParticipantId, ctx.ActorId, StringComparison.Ordinal))
        {
            return Reject(RejectionCodes.AlreadyFacilitator, "you are already the facilitator");
        }

        if (c.ParticipantId is null || !ctx.State.Participants.TryGetValue(c.ParticipantId, out var target) || target.Removed || target.Left)
        {
            return Reject(RejectionCodes.ParticipantNotFound, "the new facilitator must be a participant who is on the board");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var old = Self(ctx);
        old.Role = Role.Participant;
        target.Role = Role.Facilitator;
        ctx.Meta.FacilitatorId = target.Id;
        ctx.TouchMeta();
        ctx.Emit(new ParticipantChanged(Cloning.Clone(old)));
        ctx.Emit(new ParticipantChanged(Cloning.Clone(target)));
        return null;
    }

    private static Rejection? OnReclaimFacilitator(ApplyContext ctx)
    {
        if (Creator(ctx) is { } r)
        {
            return r;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var creator = Self(ctx);
        if (creator.Left)
        {
            creator.Left = false;
        }

        if (!string.Equals(ctx.Meta.FacilitatorId, creator.Id, StringComparison.Ordinal)
            && ctx.State.Participants.TryGetValue(ctx.Meta.FacilitatorId, out var holder))
        {
            holder.Role = Role.Participant;
            ctx.Emit(new ParticipantChanged(Cloning.Clone(holder)));
        }

        if (creator.Role != Role.Facilitator || !string.Equals(ctx.Meta.FacilitatorId, creator.Id, StringComparison.Ordinal))
        {
            creator.Role = Role.Facilitator;
            ctx.Meta.FacilitatorId = creator.Id;
            ctx.TouchMeta();
        }

        ctx.Emit(new ParticipantChanged(Cloning.Clone(creator)));
        return null;
    }
}
