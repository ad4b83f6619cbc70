using Bunit;
using PostMortem.Core.Commands;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Board;

public sealed class TimerDisplayTests : BoardTestContext
{
    [Fact]
    public void AnIdleTimerSaysItIsNotStarted()
    {
        var cut = RenderOn<TimerDisplay>(new FakeBoardSession(FakeBoardSession.Alice));

        Assert.Equal("Phase timer not started", cut.Find(".timer.idle").GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll("[data-testid='timer']"));
    }

    [Fact]
    public void CountsDownOnTheServersClock()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        session.As(FakeBoardSession.Facilitator, new StartTimer(300));
        session.Now += TimeSpan.FromSeconds(70.5);

        var cut = RenderOn<TimerDisplay>(session);

        Assert.Equal("Time left", cut.Find(".timer-label").TextContent);
        Assert.Equal("3:50", cut.Find(".timer-value").TextContent);
        Assert.Contains("running", cut.Find("[data-testid='timer']").ClassList);
    }

    [Fact]
    public void TimeUpIsShownAndBeepsOnce()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        session.As(FakeBoardSession.Facilitator, new StartTimer(60));
        var cut = RenderOn<TimerDisplay>(session);
        Assert.Empty(Module.Invocations["playTimeUp"]);

        session.Now += TimeSpan.FromSeconds(75);
        session.NotifyChanged();

        cut.WaitForAssertion(() => Assert.Equal("Time is up", cut.Find(".timer-label").TextContent));
        var timer = cut.Find("[data-testid='timer']");
        Assert.Contains("time-up", timer.ClassList);
        Assert.Equal("assertive", timer.GetAttribute("aria-live"));
        Assert.Equal("+0:15", cut.Find(".timer-value").TextContent);
        Assert.Equal("Finish your thought — nobody is cut off.", cut.Find(".timer-note").TextContent);
        cut.WaitForAssertion(() => Assert.Single(Module.Invocations["playTimeUp"]));

        session.Now += TimeSpan.FromSeconds(1);
        session.NotifyChanged();
        cut.WaitForAssertion(() => Assert.Equal("+0:16", cut.Find(".timer-value").TextContent));
        Assert.Single(Module.Invocations["playTimeUp"]);
    }

    [Fact]
    public void ATimerLongOverOnArrivalIsShownWithoutABeep()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        session.As(FakeBoardSession.Facilitator, new StartTimer(60));
        session.Now += TimeSpan.FromMinutes(10);

        var cut = RenderOn<TimerDisplay>(session);

        Assert.Equal("Time is up", cut.Find(".timer-label").TextContent);
        Assert.Empty(Module.Invocations["playTimeUp"]);
    }

    [Fact]
    public void APausedTimerShowsWhatIsLeft()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        session.As(FakeBoardSession.Facilitator, new StartTimer(120));
        session.Now += TimeSpan.FromSeconds(30);
        session.As(FakeBoardSession.Facilitator, new PauseTimer());
        session.Now += TimeSpan.FromMinutes(5);

        var cut = RenderOn<TimerDisplay>(session);

        Assert.Equal("Paused", cut.Find(".timer-label").TextContent);
        Assert.Equal("1:30", cut.Find(".timer-value").TextContent);
    }
}
