using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

public sealed class CoachTests
{
    private static readonly string[] Names = ["Sarah Connor", "Will", "Bob"];

    private static string[] Rules(string text) => [.. LanguageCoach.Check(text, Names).Select(f => f.Rule)];

    [Fact]
    public void NameAndForgettingAreFlaggedWithAPassiveRephrasing()
    {
        var flags = LanguageCoach.Check("Sarah forgot to run the tests before the deploy", Names);

        Assert.Equal(["name", "forgot"], flags.Select(f => f.Rule));
        Assert.Equal(("Sarah", 0), (flags[0].Match, flags[0].Start));
        Assert.All(flags, f => Assert.False(string.IsNullOrWhiteSpace(f.Hint)));
        Assert.All(flags, f => Assert.Equal("The tests were not run before the deploy", f.Suggestion));
    }

    [Theory]
    [InlineData("the deploy went out untested")]
    [InlineData("the developer shipped without notifying the consumer team")]
    [InlineData("no schema validation on the consumer side")]
    [InlineData("disk failure on node 3")]
    [InlineData("segmentation fault in the parser")]
    [InlineData("Will this alert fire? We will see.")]
    [InlineData("the reconciliation job will run at 05:30")]
    [InlineData("Sarahville datacenter lost power")]
    public void FactsAndRolesAreNotFlagged(string text) => Assert.Empty(LanguageCoach.Check(text, Names));

    [Theory]
    [InlineData("you deployed untested", "you", "the deploy went out untested")]
    [InlineData("You should have checked the logs", "should-have", "The logs were not checked")]
    [InlineData("you shouldn't have deployed on Friday", "should-have", "the deploy went out on Friday")]
    [InlineData("they should have known better", "known-better", "the risk was not visible at the time")]
    [InlineData("Bob didn't bother to update the runbook", "didnt-bother", "The runbook was not updated")]
    [InlineData("The outage was caused by human error.", "human-error", "The outage was caused by a gap in the process.")]
    [InlineData("Who caused the outage", "who-caused", "Where we didn't catch the outage")]
    [InlineData("a careless deploy on Friday", "judgement", "a deploy on Friday")]
    [InlineData("The on-call engineer forgot to check the dashboard", "forgot", "The dashboard was not checked")]
    [InlineData("your change broke reconciliation", "you", "the change broke reconciliation")]
    [InlineData("Will restarted the cache", "name", "The cache was restarted")]
    [InlineData("another failure of review", "failure", "another gap of review")]
    public void JudgementIsFlaggedWithANeutralSuggestion(string text, string rule, string suggestion)
    {
        var flags = LanguageCoach.Check(text, Names);

        Assert.Contains(rule, flags.Select(f => f.Rule));
        Assert.Equal(suggestion, flags[0].Suggestion);
        Assert.Empty(LanguageCoach.Check(suggestion, Names));
    }

    [Theory]
    [InlineData("It was Bob's fault", "blame")]
    [InlineData("that was sloppy", "judgement")]
    [InlineData("pure laziness", "judgement")]
    [InlineData("SARAH CONNOR merged it", "name")]
    [InlineData("we blame the tooling", "blame")]
    public void FlagsWithoutAGoodRephrasingComeWithAHintOnly(string text, string rule)
    {
        var flags = LanguageCoach.Check(text, Names);

        Assert.Contains(rule, flags.Select(f => f.Rule));
        Assert.All(flags, f => Assert.False(string.IsNullOrWhiteSpace(f.Hint)));
    }

    [Fact]
    public void OverlappingFindingsBecomeTheMoreSpecificOne() =>
        Assert.Equal(["known-better"], Rules("should have known better"));

    [Fact]
    public void FullNameIsOneFinding() =>
        Assert.Equal([("name", "Sarah Connor")], LanguageCoach.Check("Sarah Connor merged it", Names).Select(f => (f.Rule, f.Match)));

    [Fact]
    public void FunctionWordsTypedAsNamesAreIgnoredButShortNamesAreNot()
    {
        Assert.Empty(LanguageCoach.Check("it is what we saw", ["It", "We"]));
        Assert.Equal(["name"], LanguageCoach.Check("Al merged the change", ["Al"]).Select(f => f.Rule));
    }

    [Fact]
    public void OneLetterNamesAreIgnored() => Assert.Empty(LanguageCoach.Check("plan B failed over", ["B"]));

    [Fact]
    public void FlagsDoNotDependOnTheOrderOfNames() =>
        Assert.Equal(
            LanguageCoach.Check("Sarah and Bob and Sarah Connor", ["Sarah Connor", "Bob", "Sarah"]),
            LanguageCoach.Check("Sarah and Bob and Sarah Connor", ["Sarah", "Bob", "Sarah Connor"]));

    [Theory]
    [InlineData("because the developer didn't check", true)]
    [InlineData("the engineer forgot the flag", true)]
    [InlineData("he did not run the migration", true)]
    [InlineData("Sarah merged it", true)]
    [InlineData("human error", true)]
    [InlineData("no mechanism for one squad to know what another is changing", false)]
    [InlineData("the developer shipped without notifying the consumer team", false)]
    [InlineData("we didn't have a contract test", false)]
    [InlineData("the tests didn't run because they were disabled", false)]
    [InlineData("", false)]
    public void AnswerThatEndsOnAPersonHasStoppedTooEarly(string answer, bool expected) =>
        Assert.Equal(expected, LanguageCoach.PointsAtPerson(answer, Names));

    [Theory]
    [InlineData("the team", true)]
    [InlineData("Platform Team", true)]
    [InlineData("devteam", true)]
    [InlineData("everyone", true)]
    [InlineData("ops", true)]
    [InlineData("TBD", true)]
    [InlineData("Alice & Bob", true)]
    [InlineData("Alice and Bob", true)]
    [InlineData("", true)]
    [InlineData("Priya", false)]
    [InlineData("Sam Okafor", false)]
    [InlineData("Allison", false)]
    public void OwnerMustBeOneNamedPerson(string owner, bool isGroup) => Assert.Equal(isGroup, LanguageCoach.IsGroupName(owner));

    [Fact]
    public void BoardStoresFlagsWhenTextIsWrittenAndCountsThemPerPhase()
    {
        var t = Started();
        t.Ok(Bob, new Join("Bob"));
        var added = t.Ok(Alice, new AddNote("n1", NoteKind.Event, "Bob forgot to run the tests"));

        var note = Assert.IsType<NoteChanged>(added.Events[0]).Note;
        Assert.Equal(["name", "forgot"], note.Flags.Select(f => f.Rule));
        Assert.Equal(2, t.Board.ViewFor(Facilitator).Derived.CoachCounts[Phase.Timeline]);

        t.Ok(Alice, new EditNote("n1", "the tests were not run before the deploy"));
        Assert.Empty(t.State.Notes["n1"].Flags);
        Assert.Equal(0, t.Board.ViewFor(Facilitator).Derived.CoachCounts[Phase.Timeline]);
    }

    [Fact]
    public void ChainEndingOnAPersonIsStoppedTooEarlyUntilAnotherWhyIsAsked()
    {
        var t = Started();
        t.Ok(Alice, new StartChain("c1", "Customers received the wrong product"));
        t.Ok(Alice, new AddWhyStep("c1", "s1", "Why?", "The schema change was not caught"));
        var stopped = t.Ok(Alice, new AddWhyStep("c1", "s2", "Why was it not caught?", "because the developer didn't check"));

        Assert.Equal(["c1"], Assert.Single(stopped.Events.OfType<DerivedChanged>()).Derived.StoppedTooEarly);

        t.Ok(Alice, new AddWhyStep("c1", "s3", "Why did it depend on a manual check?", "there is no contract test between the services"));
        Assert.Empty(t.Board.ViewFor(Alice).Derived.StoppedTooEarly);
    }
}
