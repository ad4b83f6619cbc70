using Bunit;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Web.Client.Phases;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Phases;

public sealed class RootCausePhaseTests : PhaseTestBase
{
    [Fact]
    public void StartingAChainSendsStartChainAndShowsIt()
    {
        var session = Board(FakeBoardSession.Alice, Phase.RootCause);
        var cut = RenderUnder<RootCausePhase>(session);

        Field(cut, "Start a why chain from an observable symptom").Input("Customers received the wrong product");
        cut.Find("form.start-chain").Submit();

        Assert.Equal("Customers received the wrong product", Assert.Single(SentOf<StartChain>(session)).Symptom);
        cut.WaitForAssertion(() => Assert.Equal("Customers received the wrong product", cut.Find("[data-testid=chain] .chain-symptom").TextContent));
    }

    [Fact]
    public void AWhyWithoutAQuestionIsLeftToCoreWhichQuotesThePreviousAnswer()
    {
        var session = Board(FakeBoardSession.Alice, Phase.RootCause);
        session.As(FakeBoardSession.Alice, new StartChain("c1", "Customers received the wrong product"));
        session.As(FakeBoardSession.Alice, new AddWhyStep("c1", "s1", "Why?", "The job allocated from a bad file"));
        var cut = RenderUnder<RootCausePhase>(session);

        var chain = cut.Find("[data-testid=chain]");
        Assert.Equal("Why? (The job allocated from a bad file)", Field(cut, "Why?").GetAttribute("placeholder"));
        Field(cut, "Because…").Input("The file's shape changed with the API");
        cut.Find("form.add-step").Submit();

        var step = Assert.Single(SentOf<AddWhyStep>(session));
        Assert.Equal(("c1", "", "The file's shape changed with the API"), (step.ChainId, step.Question, step.Answer));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=why-step]").Count));
        Assert.Equal("Why? (The job allocated from a bad file)", session.Board.State.Chains["c1"].Steps[^1].Question);
        Assert.NotNull(chain);
    }

    [Fact]
    public void MarkingTheRootCauseShowsItAndCanBeCleared()
    {
        var session = Board(FakeBoardSession.Alice, Phase.RootCause);
        session.As(FakeBoardSession.Alice, new StartChain("c1", "Customers received the wrong product"));
        session.As(FakeBoardSession.Alice, new AddWhyStep("c1", "s1", "Why?", "No contract test covers the response shape"));
        var cut = RenderUnder<RootCausePhase>(session);

        Button(cut, "Mark as root cause: No contract test covers the response shape").Click();

        Assert.Equal(("c1", "s1"), (SentOf<MarkRootCause>(session)[0].ChainId, SentOf<MarkRootCause>(session)[0].StepId));
        cut.WaitForAssertion(() => Assert.Contains("No contract test covers the response shape", cut.Find("[data-testid=root-cause]").TextContent, StringComparison.Ordinal));
        Assert.Equal("root cause", cut.Find(".step.root .tag.root").TextContent);

        Button(cut, "Clear root cause: No contract test covers the response shape").Click();
        Assert.Null(SentOf<MarkRootCause>(session)[1].StepId);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=root-cause]")));
    }

    [Fact]
    public void AChainEndingOnAPersonStoppedTooEarly()
    {
        var session = Board(FakeBoardSession.Alice, Phase.RootCause);
        session.As(FakeBoardSession.Alice, new StartChain("c1", "Customers received the wrong product"));
        session.As(FakeBoardSession.Alice, new AddWhyStep("c1", "s1", "Why?", "Bob forgot to run the check"));
        Assert.Contains("c1", session.View!.Derived.StoppedTooEarly);
        var cut = RenderUnder<RootCausePhase>(session);

        Assert.True(cut.Find("[data-testid=chain]").ClassList.Contains("stopped-early"));
        Assert.Contains("This chain stopped too early", cut.Find(".chain .warning").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RemovingAStepAsksThenSendsRemoveWhyStep()
    {
        var session = Board(FakeBoardSession.Alice, Phase.RootCause);
        session.As(FakeBoardSession.Alice, new StartChain("c1", "Customers received the wrong product"));
        session.As(FakeBoardSession.Alice, new AddWhyStep("c1", "s1", "Why?", "The job allocated from a bad file"));
        session.As(FakeBoardSession.Alice, new AddWhyStep("c1", "s2", "Why?", "The file's shape changed"));
        var cut = RenderUnder<RootCausePhase>(session);

        Button(cut, "Remove step: The job allocated from a bad file").Click();
        Button(cut, "Remove step").Click();

        Assert.Equal("s1", Assert.Single(SentOf<RemoveWhyStep>(session)).StepId);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=why-step]")));
        Assert.DoesNotContain("bad file", cut.Find("[data-testid=chain]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void EditingAStepSendsBothTexts()
    {
        var session = Board(FakeBoardSession.Alice, Phase.RootCause);
        session.As(FakeBoardSession.Alice, new StartChain("c1", "Customers received the wrong product"));
        session.As(FakeBoardSession.Alice, new AddWhyStep("c1", "s1", "Why?", "The job allocated from a bad file"));
        var cut = RenderUnder<RootCausePhase>(session);

        Button(cut, "Edit step: The job allocated from a bad file").Click();
        Field(cut, "Edit answer").Input("The job allocated from a file it did not validate");
        cut.Find("form.step-edit").Submit();

        var edit = Assert.Single(SentOf<EditWhyStep>(session));
        Assert.Equal(("Why?", "The job allocated from a file it did not validate"), (edit.Question, edit.Answer));
    }

    [Fact]
    public void OthersChainsOfferNoChainTools()
    {
        var session = Board(FakeBoardSession.Bob, Phase.RootCause);
        session.As(FakeBoardSession.Alice, new StartChain("c1", "Customers received the wrong product"));
        session.As(FakeBoardSession.Alice, new AddWhyStep("c1", "s1", "Why?", "The job allocated from a bad file"));
        var cut = RenderUnder<RootCausePhase>(session);

        Assert.Empty(cut.FindAll(".chain-tools"));
        Assert.False(HasButton(cut, "Mark as root cause: The job allocated from a bad file"));
        Assert.NotEmpty(cut.FindAll("form.add-step"));
    }

    [Fact]
    public void ALockedPhaseSaysSoWhereAChainWouldStart()
    {
        var session = Board(FakeBoardSession.Bob, Phase.RootCause);
        session.As(FakeBoardSession.Facilitator, new LockPhase(Phase.RootCause));
        var cut = RenderUnder<RootCausePhase>(session);

        Assert.Equal("This phase is locked by the facilitator.", cut.Find("[data-testid=locked-notice]").TextContent.Trim());
        Assert.Empty(cut.FindAll("form.start-chain"));
    }
}
