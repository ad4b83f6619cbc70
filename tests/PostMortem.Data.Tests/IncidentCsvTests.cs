using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Data.Entities;
using PostMortem.Data.Records;

namespace PostMortem.Data.Tests;

public sealed class IncidentCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("", "")]
    public void CellsAreQuotedPerRfc4180AndFormulasAreNeutralised(string value, string expected)
    {
        Assert.Equal(expected, IncidentCsv.Cell(value));
    }

    [Fact]
    public void RowsEndWithCrlfAndKeepEmbeddedLineBreaksInsideQuotes()
    {
        var row = new IncidentRow("board-1", "Title, with comma", new DateOnly(2026, 3, 4), DateTimeOffset.UnixEpoch, IncidentType.Deployment, 2,
            "Line one\nline two", "=cmd|' /C calc'!A0", IncidentStatus.FollowUp, 1, 2, 1, new DateOnly(2026, 3, 18), null, []);

        var csv = IncidentCsv.Write([row]);

        var lines = csv.Split("\r\n");
        Assert.Equal(3, lines.Length);
        Assert.Equal("", lines[2]);
        Assert.StartsWith("date,type,severity,title,summary,root cause,", lines[0], StringComparison.Ordinal);
        Assert.Equal("2026-03-04,deployment,2,\"Title, with comma\",\"Line one\nline two\",'=cmd|' /C calc'!A0,1,2,1,followUp,2026-03-18,,board-1", lines[1]);
    }
}
