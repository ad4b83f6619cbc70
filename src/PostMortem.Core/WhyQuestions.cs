using PostMortem.Core.Model;

namespace PostMortem.Core;

/// <summary>
/// The question a why step asks when its author gives none: "Why? (…)" quoting the step before it. Core writes it
/// (a step added with an empty question gets it) and keeps it true: when the quoted step is removed or changed, a
/// next step whose question is still exactly that quote is given the quote of its new predecessor — so a removed
/// step's text never lingers in the chain or the write-up. A question someone wrote is never touched.
/// </summary>
public static class WhyQuestions
{
    private const string Prefix = "Why? (";
    private const string Suffix = ")";

    /// <summary>The question asking why of <paramref name="previous"/> (a step's text, or the chain's symptom),
    /// shortened to fit <see cref="Limits.ChainTextLength"/>.</summary>
    public static string About(string previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var room = Limits.ChainTextLength - Prefix.Length - Suffix.Length;
        var quoted = previous.Length <= room ? previous : string.Concat(previous.AsSpan(0, room - 1), "…");
        return Prefix + quoted + Suffix;
    }

    /// <summary>The question the next step added to <paramref name="chain"/> gets when it is given none (the UI may show it as the placeholder).</summary>
    public static string Next(WhyChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return About(chain.Steps.Count == 0 ? chain.Symptom : TextOf(chain.Steps[^1]));
    }

    /// <summary>What a step says, for the step after it to quote: its answer, or its question while it has no answer.</summary>
    public static string TextOf(WhyStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Answer.Length > 0 ? step.Answer : step.Question;
    }
}
