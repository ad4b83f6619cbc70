using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Core.Replay;
using PostMortem.Web.Data;
using PostMortem.Web.Pages;
using PostMortem.Web.Shared.Replay;
using Xunit;

namespace PostMortem.Web.Tests.Shared;

/// <summary>The session replay's page and components (issue 14): they render what Core's replay decided.</summary>
public sealed class ReplayComponentsTests : BunitContext
{
    private readonly FakeReplayPages _replays = new();

    public ReplayComponentsTests() => Services.AddSingleton<IReplayPages>(_replays);

    [Fact]
    public void TheScrubberIsAGetFormWithEveryPhaseMarkedByAVisibleLabel()
    {
        var replay = Session();
        var cut = Render<ReplayScrubber>(p => p
            .Add(x => x.BoardId, "b1").Add(x => x.Key, "k 1").Add(x => x.Roles, true)
            .Add(x => x.Seq, 5).Add(x => x.LastSeq, replay.LastSeq).Add(x => x.Marks, replay.Marks).Add(x => x.Times, replay.Times));

        var form = cut.Find("form");
        Assert.Equal(("get", "/b/b1/replay"), (form.GetAttribute("method"), form.GetAttribute("action")));
        var range = cut.Find("input[type=range]");
        Assert.Equal(("at", "1", replay.LastSeq.ToString(System.Globalization.CultureInfo.InvariantCulture), "5"),
            (range.GetAttribute("name"), range.GetAttribute("min"), range.GetAttribute("max"), range.GetAttribute("value")));
        Assert.Equal("k 1", cut.Find("input[type=hidden][name=key]").GetAttribute("value"));
        Assert.True(cut.Find("input[type=checkbox][name=roles]").HasAttribute("checked"));
        var marks = cut.FindAll("[data-testid=replay-mark]");
        Assert.Equal(["Created · Set the room", "Timeline", "Root cause", "Contributing factors", "Actions", "Board locked"], marks.Select(m => m.TextContent));
        Assert.All(marks, m => Assert.Contains("roles=1", m.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal($"/b/b1/replay?key=k%201&at={replay.Marks[1].Seq}&roles=1", marks[1].GetAttribute("href"));
        // Play needs the script: hidden until replay.js shows it. It plays the entries' own times.
        Assert.True(cut.Find("[data-replay-play-controls]").HasAttribute("hidden"));
        Assert.StartsWith("0,1000,2000", form.GetAttribute("data-times"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheFrameShowsTheBoardThenAndMarksTheCurrentEntryWithTalliesOnlyAfterTheReveal()
    {
        var replay = Session();
        var revealSeq = replay.Steps(false).Single(s => s.What == "revealed the votes").Seq;

        var before = Render<ReplayFrameView>(p => p.Add(x => x.Frame, replay.FrameAt(revealSeq - 1, namesAsRoles: false)));
        Assert.Empty(before.FindAll("[data-testid=replay-votes]"));
        Assert.Contains("(votes not revealed)", before.Markup, StringComparison.Ordinal);
        Assert.Equal(["Fix deployed", "API change deployed"], before.FindAll(".lane-event [data-testid=replay-note] .replay-note-text").Select(n => n.TextContent).Reverse());
        var current = before.Find("[aria-current=step]");
        Assert.Contains("Alice cast a vote", current.TextContent, StringComparison.Ordinal);

        var after = Render<ReplayFrameView>(p => p.Add(x => x.Frame, replay.FrameAt(revealSeq, namesAsRoles: false)));
        Assert.Equal("1 vote", after.Find("[data-testid=replay-votes]").TextContent);
        Assert.Contains("Fran revealed the votes", after.Find("[aria-current=step]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePageSaysWhyWhenTheReplayIsNotOpenAndShowsTheFrameWhenItIs()
    {
        _replays.Result = PageResult<ReplayPageModel>.Fail(409, RejectionCodes.ReplayNotReady, RejectionCodes.Sentence(RejectionCodes.ReplayNotReady));
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/b/b1/replay?key=k&at=3&roles=1");
        var refused = Render<ReplayPage>(p => p.Add(x => x.BoardId, "b1"));
        Assert.Equal(RejectionCodes.Sentence(RejectionCodes.ReplayNotReady), refused.Find("[role=alert]").TextContent);
        Assert.Equal(("b1", "k", 3L, true), _replays.Requests.Single());

        var replay = Session();
        _replays.Result = PageResult<ReplayPageModel>.Ok(new ReplayPageModel(replay.FrameAt(3, true), replay.Marks, replay.Times));
        var shown = Render<ReplayPage>(p => p.Add(x => x.BoardId, "b1"));
        Assert.Equal("3", shown.Find("[data-testid=replay-frame]").GetAttribute("data-seq"));
        Assert.Contains("participant 2 joined", shown.Find("[aria-current=step]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void APositionThatIsNotANumberIsExplainedWithoutAskingTheServer()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/b/b1/replay?key=k&at=later");
        var cut = Render<ReplayPage>(p => p.Add(x => x.BoardId, "b1"));
        Assert.Contains("not a number", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_replays.Requests);
    }

    [Fact]
    public void TheLinkCarriesTheReadKeyOrLetsThePageScriptFillIt()
    {
        var withKey = Render<ReplayLink>(p => p.Add(x => x.BoardId, "b1").Add(x => x.Key, "k").Add(x => x.Roles, true));
        Assert.Equal("/b/b1/replay?key=k&roles=1", withKey.Find("a").GetAttribute("href"));

        var withoutKey = Render<ReplayLink>(p => p.Add(x => x.BoardId, "b1"));
        var a = withoutKey.Find("a");
        Assert.Equal(("b1", "/b/b1/replay"), (a.GetAttribute("data-readkey-board"), a.GetAttribute("data-path")));
    }

    /// <summary>Fran, Alice and Bob: two timeline events, then actions with one hidden vote, revealed, and the board locked.</summary>
    private static BoardReplay Session()
    {
        var log = new List<LogEntry>();
        var at = new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);
        void Do(string actor, BoardCommand command) => log.Add(new LogEntry(log.Count + 1, at.AddSeconds(log.Count), actor, "op-" + log.Count, command));
        Do("fac", new CreateBoard("Pause subscription broke reconciliation", new DateTimeOffset(2026, 3, 3, 16, 47, 0, TimeSpan.Zero), IncidentType.Integration, 2, "Fran"));
        Do("alice", new Join("Alice"));
        Do("bob", new Join("Bob"));
        Do("fac", new AdvancePhase());
        Do("alice", new AddNote("e2", NoteKind.Event, "Fix deployed", new DateTimeOffset(2026, 3, 4, 11, 14, 0, TimeSpan.Zero)));
        Do("alice", new AddNote("e1", NoteKind.Event, "API change deployed", new DateTimeOffset(2026, 3, 3, 16, 47, 0, TimeSpan.Zero)));
        Do("fac", new AdvancePhase());
        Do("fac", new AdvancePhase());
        Do("fac", new AdvancePhase());
        Do("bob", new AddNote("a1", NoteKind.Action, "Contract tests"));
        Do("alice", new CastVote("a1"));
        Do("fac", new RevealVotes());
        Do("fac", new LockBoard());
        var replay = BoardReplay.Build("b1", log);
        Assert.Equal(log.Count, replay.Steps(false).Count(s => !s.Refused));
        return replay;
    }

    private sealed class FakeReplayPages : IReplayPages
    {
        public PageResult<ReplayPageModel> Result { get; set; } = PageResult<ReplayPageModel>.Fail(404, RejectionCodes.BoardNotFound, "There is no such board.");

        public List<(string BoardId, string? Key, long? At, bool Roles)> Requests { get; } = [];

        public Task<PageResult<ReplayPageModel>> ReplayAsync(string boardId, string? key, long? at, bool namesAsRoles, CancellationToken cancellationToken)
        {
            Requests.Add((boardId, key, at, namesAsRoles));
            return Task.FromResult(Result);
        }
    }
}
