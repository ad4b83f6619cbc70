using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.WriteUp;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

/// <summary>Why chains keep their questions true when steps come and go (issue 13, fix 4).</summary>
public sealed class WhyChainTests
{
    private const string Symptom = "Refunds were not reconciled";
    private const string Middle = "The reconciliation job skipped paused subscriptions";
    private const string Last = "Nobody told the job that pause exists";

    [Fact]
    public void AStepAddedWithoutAQuestionAsksWhyOfTheStepBeforeIt()
    {
        var t = ChainOfThree();
        var steps = t.State.Chains["ch1"].Steps;

        Assert.Equal($"Why? ({Symptom})", steps[0].Question);
        Assert.Equal($"Why? ({steps[0].Answer})", steps[1].Question);
        Assert.Equal($"Why? ({Middle})", steps[2].Question);
        Assert.Equal($"Why? ({Last})", WhyQuestions.Next(t.State.Chains["ch1"]));
    }

    [Fact]
    public void RemovingAMiddleStepLeavesItsTextNeitherInTheNextQuestionNorInTheWriteUp()
    {
        var t = ChainOfThree();
        var first = t.State.Chains["ch1"].Steps[0].Answer;

        t.Ok(Alice, new RemoveWhyStep("ch1", "s2"));

        var steps = t.State.Chains["ch1"].Steps;
        Assert.Equal(["s1", "s3"], steps.Select(s => s.Id));
        Assert.Equal($"Why? ({first})", steps[1].Question);
        var writeUp = t.Board.WriteUp();
        Assert.Equal($"Why? ({first})", writeUp.Chains.Single().Steps[1].Question);
        Assert.DoesNotContain(Middle, WriteUpMarkdown.Render(writeUp), StringComparison.Ordinal);
        Assert.DoesNotContain(Middle, t.Board.ViewFor(Bob).Chains.Single().Steps.Select(s => s.Question));
    }

    [Fact]
    public void RemovingTheFirstStepMakesTheNextAskWhyOfTheSymptom()
    {
        var t = ChainOfThree();

        t.Ok(Alice, new RemoveWhyStep("ch1", "s1"));

        Assert.Equal($"Why? ({Symptom})", t.State.Chains["ch1"].Steps[0].Question);
    }

    [Fact]
    public void ChangingAnAnswerOrTheSymptomChangesTheQuestionThatQuotesIt()
    {
        var t = ChainOfThree();

        t.Ok(Alice, new EditWhyStep("ch1", "s2", $"Why? ({t.State.Chains["ch1"].Steps[0].Answer})", "The job filters on status = active"));
        t.Ok(Alice, new EditChain("ch1", "Refunds stayed open"));

        var steps = t.State.Chains["ch1"].Steps;
        Assert.Equal("Why? (Refunds stayed open)", steps[0].Question);
        Assert.Equal("Why? (The job filters on status = active)", steps[2].Question);
    }

    [Fact]
    public void AQuestionSomeoneWroteIsNeverRewritten()
    {
        var t = ChainOfThree();
        t.Ok(Bob, new AddWhyStep("ch1", "s4", "Why was pause never announced?", "It shipped as a minor change"));

        t.Ok(Alice, new RemoveWhyStep("ch1", "s3"));

        Assert.Equal("Why was pause never announced?", t.State.Chains["ch1"].Steps[^1].Question);
    }

    [Fact]
    public void TheDefaultQuestionFitsTheStepLimitWhateverItQuotes()
    {
        var question = WhyQuestions.About(new string('x', Limits.ChainTextLength));

        Assert.Equal(Limits.ChainTextLength, question.Length);
        Assert.StartsWith("Why? (xxx", question, StringComparison.Ordinal);
        Assert.EndsWith("…)", question, StringComparison.Ordinal);
    }

    /// <summary>Symptom, then three steps each added without a question.</summary>
    private static TestBoard ChainOfThree()
    {
        var t = Started();
        t.AdvanceTo(Phase.RootCause);
        t.Ok(Alice, new StartChain("ch1", Symptom));
        t.Ok(Alice, new AddWhyStep("ch1", "s1", "", "The reconciliation job ran but found nothing"));
        t.Ok(Bob, new AddWhyStep("ch1", "s2", "", Middle));
        t.Ok(Alice, new AddWhyStep("ch1", "s3", "", Last));
        return t;
    }
}
