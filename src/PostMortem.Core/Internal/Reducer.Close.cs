using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Internal.Rules;

namespace PostMortem.Core.Internal;

// Closing: summary, impact, follow-up date, and sign-off on the actions.
internal static partial class Reducer
{
    private static Rejection? OnSetClose(ApplyContext ctx, SetClose c)
    {
        if (OptionalText(c.Summary, Limits.SummaryLength, "the summary", out var summary) is { } r1)
        {
            return r1;
        }

        if (OptionalText(c.Impact, Limits.SummaryLength, "the impact", out var impact) is { } r2)
        {
            return r2;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        ctx.Meta.Summary = summary;
        ctx.Meta.Impact = impact;
        ctx.Meta.FollowUpDate = c.FollowUpDate;
        ctx.TouchMeta();
        return null;
    }

    /// <summary>A name signs once: signing again with the same name (ignoring case) is accepted and changes nothing,
    /// so a reader who clicks twice or retries from another device is not shown an error.</summary>
    private static Rejection? SignOff(ApplyContext ctx, SignOffActions c)
    {
        if (RequiredText(c.Name, Limits.NameLength, "your name", out var name) is { } r)
        {
            return r;
        }

        foreach (var s in ctx.State.SignOffs)
        {
            if (string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        if (ctx.State.SignOffs.Count >= Limits.SignOffsPerBoard)
        {
            return Reject(RejectionCodes.TooMany, $"a board takes at most {Limits.SignOffsPerBoard} sign-offs");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var signOff = new SignOff(name, ctx.ActorId, ctx.At);
        ctx.State.SignOffs = [.. ctx.State.SignOffs, signOff];
        ctx.Emit(new SignOffAdded(signOff));
        return null;
    }
}
