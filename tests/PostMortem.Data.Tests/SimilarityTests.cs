using PostMortem.Core;

namespace PostMortem.Data.Tests;

/// <summary>The recurring-cause rule (Core's Similarity), tested here beside the log that uses it.</summary>
public sealed class SimilarityTests
{
    [Theory]
    [InlineData("change", "chang")]
    [InlineData("changes", "chang")]
    [InlineData("changed", "chang")]
    [InlineData("changing", "chang")]
    [InlineData("alerts", "alert")]
    [InlineData("alerting", "alert")]
    [InlineData("stopped", "stop")]
    [InlineData("dependencies", "dependency")]
    [InlineData("process", "process")]
    [InlineData("status", "status")]
    public void StemsJoinTheFormsOfAWord(string word, string stem)
    {
        Assert.Equal([stem], Similarity.Terms(word).Keys);
    }

    [Fact]
    public void StopWordsAndCaseDoNotCount()
    {
        Assert.Equal(["mechanism", "squad", "know", "chang"], Similarity.Terms("No mechanism for one squad to know what another is changing").Keys);
    }

    [Fact]
    public void ReworkedRootCauseOfTheWorkedExampleIsRecurringWithItsSharedWords()
    {
        var result = Similarity.Compare(
            "No mechanism for one team to know what another team is changing",
            "no mechanism for one squad to know what another is changing");

        Assert.Equal(0.6, result.Score, 3);
        Assert.Equal(["mechanism", "know", "changing"], result.SharedWords);
        Assert.True(Similarity.IsRecurring(result));
    }

    [Theory]
    [InlineData("Build agents have no log rotation", "No mechanism for one squad to know what another is changing")]
    [InlineData("Late deploy", "Deploy checklist out of date")]
    [InlineData("", "Anything at all")]
    [InlineData("the of and", "the of and")]
    public void UnrelatedOrEmptyCausesAreNotRecurring(string a, string b)
    {
        Assert.False(Similarity.IsRecurring(Similarity.Compare(a, b)));
    }

    [Fact]
    public void ScoreIsSymmetric()
    {
        const string a = "Missing alert for the error rate";
        const string b = "Alert on error rate was missing";
        Assert.Equal(Similarity.Compare(a, b).Score, Similarity.Compare(b, a).Score);
    }
}
