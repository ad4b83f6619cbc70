using System.Text;
using PostMortem.Core.HandOff;

namespace PostMortem.Core.Tests.HandOff;

public sealed class CalendarFileTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 3, 4, 10, 5, 9, TimeSpan.FromHours(1));

    [Fact]
    public void ActionDueDateIsAnAllDayEventWithAStableUidAndThePassedStamp()
    {
        var e = CalendarFile.ActionDue("b1", "a1", "Pause broke", "Write the runbook", "Alice", new DateOnly(2026, 12, 31), "https://pm.example.com/b/b1/writeup?key=k");

        var ics = CalendarFile.Write([e], Stamp);
        var lines = Unfold(ics);

        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        Assert.Contains("VERSION:2.0", lines);
        Assert.Contains("UID:action-b1-a1@postmortem", lines);
        Assert.Contains("DTSTAMP:20260304T090509Z", lines); // UTC, whatever the offset passed in
        Assert.Contains("DTSTART;VALUE=DATE:20261231", lines);
        Assert.Contains("DTEND;VALUE=DATE:20270101", lines); // the exclusive end: the next day, across a year
        Assert.Contains("SUMMARY:Action due: Write the runbook", lines);
        Assert.Contains("URL:https://pm.example.com/b/b1/writeup?key=k", lines);
        Assert.Equal(CalendarFile.Write([e], Stamp), ics);
        Assert.Equal("UID:action-b1-a1@postmortem", Unfold(CalendarFile.Write([e with { Summary = "changed" }], Stamp.AddDays(1))).Single(l => l.StartsWith("UID:", StringComparison.Ordinal)));
    }

    [Fact]
    public void EveryLineEndsInCrLfAndNoBareLineFeedIsLeft()
    {
        var e = CalendarFile.FollowUp("b1", "Multi\nline\r\ntitle", new DateOnly(2026, 3, 20), null);

        var ics = CalendarFile.Write([e], Stamp);

        Assert.EndsWith("\r\n", ics, StringComparison.Ordinal);
        for (var i = 0; i < ics.Length; i++)
        {
            if (ics[i] == '\n')
            {
                Assert.True(i > 0 && ics[i - 1] == '\r', $"bare LF at {i}");
            }

            if (ics[i] == '\r')
            {
                Assert.Equal('\n', ics[i + 1]);
            }
        }
    }

    [Theory]
    [InlineData("a;b", @"a\;b")]
    [InlineData("a,b", @"a\,b")]
    [InlineData(@"C:\temp", @"C:\\temp")]
    [InlineData("one\ntwo", @"one\ntwo")]
    [InlineData("one\r\ntwo\rthree", @"one\ntwo\nthree")]
    [InlineData("bell\u0007gone", "bellgone")]
    [InlineData("quote \" and colon: stay", "quote \" and colon: stay")]
    public void TextValuesAreEscaped(string text, string expected) => Assert.Equal(expected, CalendarFile.Escape(text));

    [Fact]
    public void LongLinesAreFoldedAt75OctetsWithoutSplittingACharacter()
    {
        // Multi-byte characters (é = 2 octets, 🚀 = 4) land on every possible offset of a fold.
        var text = string.Concat(Enumerable.Range(0, 40).Select(i => i % 3 == 0 ? "é🚀" : "ab,"));
        var e = new CalendarEvent("u1", new DateOnly(2026, 3, 20), text, text);

        var ics = CalendarFile.Write([e], Stamp);

        foreach (var line in ics.Split("\r\n"))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= CalendarFile.MaxLineOctets, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}");
            // Strict UTF-8 decoding of each physical line proves no character was split across a fold.
            var bytes = Encoding.UTF8.GetBytes(line);
            Assert.Equal(line, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
            Assert.False(line.Length > 0 && char.IsHighSurrogate(line[^1]), "a surrogate pair was split");
        }

        Assert.Contains(ics.Split("\r\n"), l => l.StartsWith(' ')); // it did fold
        var summary = Unfold(ics).Single(l => l.StartsWith("SUMMARY:", StringComparison.Ordinal));
        Assert.Equal("SUMMARY:" + CalendarFile.Escape(text), summary);
    }

    [Fact]
    public void FollowUpMeetingNamesThePostMortem()
    {
        var ics = CalendarFile.Write([CalendarFile.FollowUp("b9", "Pause, broke; it", new DateOnly(2026, 3, 20), "https://x.example/b/b9/writeup")], Stamp);
        var lines = Unfold(ics);

        Assert.Contains("UID:follow-up-b9@postmortem", lines);
        Assert.Contains(@"SUMMARY:Post-mortem follow-up: Pause\, broke\; it", lines);
        Assert.Contains("DTSTART;VALUE=DATE:20260320", lines);
        Assert.Single(lines, l => l == "BEGIN:VEVENT");
    }

    /// <summary>RFC 5545 unfolding: CRLF followed by one space or tab joins the lines.</summary>
    internal static List<string> Unfold(string ics) =>
        [.. ics.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal)
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];
}
