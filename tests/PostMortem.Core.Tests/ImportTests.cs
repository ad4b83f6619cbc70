using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

public sealed class ImportTests
{
    [Fact]
    public void BadLinesAreReportedByNumberAndGoodLinesAreKept()
    {
        var t = Started();
        var text = "2026-03-03 16:47 API change deployed\r\n"
            + "\r\n"
            + "16:50 someone noticed\r\n"
            + "2026-02-30 10:00 impossible date\r\n"
            + "2026-03-04 05:30\r\n"
            + "2026-03-04T05:31:15 — reconciliation job ran\r\n"
            + "2026-03-04 09:00 [SIGNAL] first customer email\r\n"
            + "2026-03-04 09:01 signal: second customer email\r\n"
            + "2026-03-04 09:02 " + new string('x', Limits.NoteTextLength + 1) + "\r\n";

        var r = t.Ok(Facilitator, new ImportTimeline(text, "imp"));

        Assert.Equal([3, 4, 5, 9], r.Outcome.ImportErrors!.Select(e => e.Line));
        Assert.Equal("16:50 someone noticed", r.Outcome.ImportErrors![0].Text);
        Assert.All(r.Outcome.ImportErrors!, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.Equal(["imp-1", "imp-6", "imp-7", "imp-8"], t.State.Notes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("reconciliation job ran", NoteKind.Event, (DateTimeOffset?)new DateTimeOffset(2026, 3, 4, 5, 31, 15, TimeSpan.Zero)),
            (t.State.Notes["imp-6"].Text, t.State.Notes["imp-6"].Kind, t.State.Notes["imp-6"].OccurredAt));
        Assert.Equal(("first customer email", NoteKind.Signal), (t.State.Notes["imp-7"].Text, t.State.Notes["imp-7"].Kind));
        Assert.Equal(NoteKind.Signal, t.State.Notes["imp-8"].Kind);
        Assert.Equal(4, r.Events.OfType<NoteChanged>().Count());
    }

    [Fact]
    public void TimesAreReadInTheBoardsZoneAndStoredInUtc()
    {
        var t = Started(timeZone: "America/New_York");

        t.Ok(Facilitator, new ImportTimeline("2026-03-03 16:47 API change deployed\n2026-07-01 09:00 summer line", "imp"));

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 21, 47, 0, TimeSpan.Zero), t.State.Notes["imp-1"].OccurredAt);
        Assert.Equal(TimeSpan.Zero, t.State.Notes["imp-1"].OccurredAt!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 13, 0, 0, TimeSpan.Zero), t.State.Notes["imp-2"].OccurredAt);
    }

    [Fact]
    public void TimeSkippedByDaylightSavingIsABadLine()
    {
        var t = Started(timeZone: "Europe/Berlin");

        var r = t.Ok(Facilitator, new ImportTimeline("2026-03-29 02:30 during the jump\n2026-03-29 03:30 after the jump", "imp"));

        Assert.Equal(1, Assert.Single(r.Outcome.ImportErrors!).Line);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), t.State.Notes["imp-2"].OccurredAt);
    }

    [Fact]
    public void ImportingAgainWithTheSamePrefixDuplicatesNothing()
    {
        var t = Started();
        t.Ok(Facilitator, new ImportTimeline("2026-03-03 16:47 API change deployed", "imp"));

        var again = t.Ok(Facilitator, new ImportTimeline("2026-03-03 16:47 API change deployed\n2026-03-03 17:00 new line", "imp"));

        Assert.Equal(1, Assert.Single(again.Outcome.ImportErrors!).Line);
        Assert.Equal(2, t.State.Notes.Count);
    }

    [Fact]
    public void ImportedLinesAreCoached()
    {
        var t = Started();

        t.Ok(Facilitator, new ImportTimeline("2026-03-03 16:47 Alice forgot to run the tests", "imp"));

        Assert.Equal(["name", "forgot"], t.State.Notes["imp-1"].Flags.Select(f => f.Rule));
    }

    [Fact]
    public void BoardTakesAtMostItsNoteLimit()
    {
        var t = Started();
        var lines = string.Join("\n", Enumerable.Range(0, Limits.ImportLines).Select(i => "2026-03-03 16:47 line " + i));
        for (var i = 0; i < Limits.NotesPerBoard / Limits.ImportLines; i++)
        {
            t.Ok(Facilitator, new ImportTimeline(lines, "imp" + i));
        }

        Assert.Equal(Limits.NotesPerBoard, t.State.Notes.Count);
        Assert.Equal(RejectionCodes.TooMany, t.Rejected(Alice, new AddNote("one-more", NoteKind.Event, "x")));
        Assert.Equal(RejectionCodes.TooMany, t.Rejected(Facilitator, new ImportTimeline("2026-03-03 16:47 x", "more")));
    }
}
