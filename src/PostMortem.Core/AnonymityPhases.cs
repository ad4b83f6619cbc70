using PostMortem.Core.Model;

namespace PostMortem.Core;

/// <summary>The phases that can be anonymous (those holding authored content), in meeting order; all of them is "the whole
/// board". Which are anonymous on a board is <see cref="BoardMeta.AnonymousPhases"/>; the rules are Core's (Internal/Anonymity).</summary>
public static class AnonymityPhases
{
    public static IReadOnlyList<Phase> All => Internal.Anonymity.ContentPhases;
}
