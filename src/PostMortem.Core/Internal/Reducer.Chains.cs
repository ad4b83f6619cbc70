using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Internal.Permissions;
using static PostMortem.Core.Internal.Rules;

namespace PostMortem.Core.Internal;

// Why chains (5 Whys): a symptom, then question/answer steps; one step may be marked the root cause.
internal static partial class Reducer
{
    private static Rejection? FindChain(ApplyContext ctx, string? id, out WhyChain chain)
    {
        if (id is not null && ctx.State.Chains.TryGetValue(id, out var found))
        {
            chain = found;
            return null;
        }

        chain = null!;
        return Reject(RejectionCodes.ChainNotFound, "no such why chain");
    }

    private static Rejection? FindStep(WhyChain chain, string? id, out WhyStep step)
    {
        foreach (var s in chain.Steps)
        {
            if (string.Equals(s.Id, id, StringComparison.Ordinal))
            {
                step = s;
                return null;
            }
        }

        step = null!;
        return Reject(RejectionCodes.StepNotFound, "no such step in this chain");
    }

    private static Rejection? StepTexts(string? question, string? answer, out string q, out string a)
    {
        if (OptionalText(question, Limits.ChainTextLength, "the question", out q) is { } r1)
        {
            a = "";
            return r1;
        }

        if (OptionalText(answer, Limits.ChainTextLength, "the answer", out a) is { } r2)
        {
            return r2;
        }

        // A step may be written question first and answered later, but not left blank.
        return q.Length == 0 && a.Length == 0 ? Reject(RejectionCodes.TextRequired, "a step needs a question or an answer") : null;
    }

    private static int IndexOf(WhyChain chain, WhyStep step)
    {
        for (var i = 0; i < chain.Steps.Count; i++)
        {
            if (ReferenceEquals(chain.Steps[i], step))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The step at <paramref name="index"/> quoted <paramref name="oldText"/> in Core's default question; it now
    /// follows <paramref name="newText"/> (its predecessor was removed or changed). A question someone wrote stays.
    /// </summary>
    private static void Requote(WhyChain chain, int index, string oldText, string newText)
    {
        if (index < chain.Steps.Count && string.Equals(chain.Steps[index].Question, WhyQuestions.About(oldText), StringComparison.Ordinal))
        {
            chain.Steps[index].Question = WhyQuestions.About(newText);
        }
    }

    private static void EmitChain(ApplyContext ctx, WhyChain chain) => ctx.Emit(new ChainChanged(Cloning.Clone(chain)));

    private static Rejection? OnStartChain(ApplyContext ctx, StartChain c)
    {
        if ((ValidId(c.ChainId, "chain") ?? Unlocked(ctx, Phase.RootCause)) is { } r1)
        {
            return r1;
        }

        if (RequiredText(c.Symptom, Limits.ChainTextLength, "the symptom", out var symptom) is { } r2)
        {
            return r2;
        }

        if (ctx.State.Chains.ContainsKey(c.ChainId))
        {
            return Reject(RejectionCodes.IdTaken, "a why chain with this id already exists");
        }

        if (ctx.State.Chains.Count >= Limits.ChainsPerBoard)
        {
            return Reject(RejectionCodes.TooMany, $"a board takes at most {Limits.ChainsPerBoard} why chains");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var chain = new WhyChain
        {
            Id = c.ChainId,
            Symptom = symptom,
            AuthorId = ctx.ActorId,
            CreatedAt = ctx.At,
            Flags = Coach(ctx, symptom),
        };
        ctx.State.ChainsById[chain.Id] = chain;
        EmitChain(ctx, chain);
        return null;
    }

    private static Rejection? OnEditChain(ApplyContext ctx, EditChain c)
    {
        if ((FindChain(ctx, c.ChainId, out var chain) ?? Author(ctx, chain.AuthorId, "why chain") ?? Unlocked(ctx, Phase.RootCause)) is { } r1)
        {
            return r1;
        }

        if (RequiredText(c.Symptom, Limits.ChainTextLength, "the symptom", out var symptom) is { } r2)
        {
            return r2;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        Requote(chain, 0, chain.Symptom, symptom);
        chain.Symptom = symptom;
        chain.Flags = Coach(ctx, symptom);
        EmitChain(ctx, chain);
        return null;
    }

    private static Rejection? OnRemoveChain(ApplyContext ctx, RemoveChain c)
    {
        if ((FindChain(ctx, c.ChainId, out var chain) ?? Author(ctx, chain.AuthorId, "why chain") ?? Unlocked(ctx, Phase.RootCause)) is { } r)
        {
            return r;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        ctx.State.ChainsById.Remove(chain.Id);
        ctx.Emit(new ChainRemoved(chain.Id));
        return null;
    }

    private static bool StepIdTaken(BoardState state, string stepId)
    {
        foreach (var chain in state.Chains.Values)
        {
            foreach (var step in chain.Steps)
            {
                if (string.Equals(step.Id, stepId, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Asking "why" is a group activity: anyone may add a step to any chain.</summary>
    private static Rejection? OnAddWhyStep(ApplyContext ctx, AddWhyStep c)
    {
        if ((FindChain(ctx, c.ChainId, out var chain) ?? Unlocked(ctx, Phase.RootCause) ?? ValidId(c.StepId, "step")) is { } r1)
        {
            return r1;
        }

        if (StepTexts(c.Question, c.Answer, out var question, out var answer) is { } r2)
        {
            return r2;
        }

        if (StepIdTaken(ctx.State, c.StepId))
        {
            return Reject(RejectionCodes.IdTaken, "a step with this id already exists");
        }

        if (chain.Steps.Count >= Limits.StepsPerChain)
        {
            return Reject(RejectionCodes.TooMany, $"a why chain takes at most {Limits.StepsPerChain} steps");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        if (question.Length == 0)
        {
            question = WhyQuestions.Next(chain);
        }

        chain.Steps = [.. chain.Steps, new WhyStep { Id = c.StepId, AuthorId = ctx.ActorId, Question = question, Answer = answer, Flags = Coach(ctx, answer) }];
        EmitChain(ctx, chain);
        return null;
    }

    private static Rejection? OnEditWhyStep(ApplyContext ctx, EditWhyStep c)
    {
        if (FindChain(ctx, c.ChainId, out var chain) is { } notFound)
        {
            return notFound;
        }

        if ((FindStep(chain, c.StepId, out var step) ?? StepAuthor(ctx, chain, step) ?? Unlocked(ctx, Phase.RootCause)) is { } r1)
        {
            return r1;
        }

        if (StepTexts(c.Question, c.Answer, out var question, out var answer) is { } r2)
        {
            return r2;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var quoted = WhyQuestions.TextOf(step);
        step.Question = question;
        step.Answer = answer;
        step.Flags = Coach(ctx, answer);
        Requote(chain, IndexOf(chain, step) + 1, quoted, WhyQuestions.TextOf(step));
        EmitChain(ctx, chain);
        return null;
    }

    private static Rejection? OnRemoveWhyStep(ApplyContext ctx, RemoveWhyStep c)
    {
        if (FindChain(ctx, c.ChainId, out var chain) is { } notFound)
        {
            return notFound;
        }

        if ((FindStep(chain, c.StepId, out var step) ?? StepAuthor(ctx, chain, step) ?? Unlocked(ctx, Phase.RootCause)) is { } r)
        {
            return r;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var index = IndexOf(chain, step);
        var before = index == 0 ? chain.Symptom : WhyQuestions.TextOf(chain.Steps[index - 1]);
        Requote(chain, index + 1, WhyQuestions.TextOf(step), before);
        chain.Steps = [.. chain.Steps.Where(s => s != step)];
        if (string.Equals(chain.RootCauseStepId, step.Id, StringComparison.Ordinal))
        {
            chain.RootCauseStepId = null;
        }

        EmitChain(ctx, chain);
        return null;
    }

    private static Rejection? OnMarkRootCause(ApplyContext ctx, MarkRootCause c)
    {
        if ((FindChain(ctx, c.ChainId, out var chain) ?? Author(ctx, chain.AuthorId, "why chain") ?? Unlocked(ctx, Phase.RootCause)) is { } r)
        {
            return r;
        }

        if (c.StepId is not null && FindStep(chain, c.StepId, out _) is { } r2)
        {
            return r2;
        }

        if (ctx.DryRun || string.Equals(chain.RootCauseStepId, c.StepId, StringComparison.Ordinal))
        {
            return null;
        }

        chain.RootCauseStepId = c.StepId;
        EmitChain(ctx, chain);
        return null;
    }
}
