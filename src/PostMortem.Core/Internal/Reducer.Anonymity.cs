using PostMortem.Core.Commands;

namespace PostMortem.Core.Internal;

// Anonymous boards (issue 14): which content phases hide their authors. The rules are Anonymity's.
internal static partial class Reducer
{
    private static Rejection? OnSetAnonymity(ApplyContext ctx, SetAnonymity c)
    {
        if (Anonymity.MayChange(ctx.State, c.Phases, out var phases) is { } r)
        {
            return r;
        }

        if (ctx.DryRun || phases.SequenceEqual(ctx.Meta.AnonymousPhases))
        {
            return null;
        }

        ctx.Meta.AnonymousPhases = phases;
        ctx.TouchMeta();
        return null;
    }
}
