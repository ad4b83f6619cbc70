using PostMortem.Core.Model;
using static PostMortem.Core.Internal.Rules;

namespace PostMortem.Core.Internal;

// Moving between phases, phase locks and the board lock.
internal static partial class Reducer
{
    private static Rejection? MovePhase(ApplyContext ctx, bool forward)
    {
        var meta = ctx.Meta;
        var target = forward ? Agendas.Next(meta.Agenda, meta.Phase) : Agendas.Previous(meta.Agenda, meta.Phase);
        if (target is not { } phase)
        {
            return Reject(RejectionCodes.NoPhase, forward ? "this is the last phase" : "this is the first phase");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        meta.Phase = phase;
        ResetTimerState(meta.Timer);
        ctx.TouchMeta();

        // "Ready" means ready with this phase: a new phase starts with nobody ready.
        foreach (var p in Sorted.Participants(ctx.State))
        {
            if (p.Ready)
            {
                p.Ready = false;
                ctx.Emit(new ParticipantChanged(Cloning.Clone(p)));
            }
        }

        return null;
    }

    private static Rejection? SetPhaseLock(ApplyContext ctx, Phase phase, bool locked)
    {
        if (!IsDefined(phase))
        {
            return Reject(RejectionCodes.InvalidValue, "unknown phase");
        }

        var list = ctx.Meta.LockedPhases;
        if (list.Contains(phase) == locked || ctx.DryRun)
        {
            return null;
        }

        if (locked)
        {
            // Kept in phase order so equal boards serialise equally whatever order the locks came in.
            var index = 0;
            while (index < list.Count && list[index] < phase)
            {
                index++;
            }

            ctx.Meta.LockedPhases = [.. list.Take(index), phase, .. list.Skip(index)];
        }
        else
        {
            ctx.Meta.LockedPhases = [.. list.Where(p => p != phase)];
        }

        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnLockBoard(ApplyContext ctx)
    {
        if (ctx.DryRun)
        {
            return null;
        }

        ctx.Meta.BoardLocked = true;
        ctx.Meta.ClosedAt = ctx.At;
        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnUnlockBoard(ApplyContext ctx)
    {
        if (!ctx.Meta.BoardLocked || ctx.DryRun)
        {
            return null;
        }

        // ClosedAt stays: the meeting did close then; locking again records the new time.
        ctx.Meta.BoardLocked = false;
        ctx.TouchMeta();
        return null;
    }
}
