using Bunit;
using PostMortem.Core;
using PostMortem.Core.Model;
using PostMortem.Core.WriteUp;
using PostMortem.Web.Client.Shared;
using Xunit;

namespace PostMortem.Web.Tests.Shared;

public sealed class WriteUpDocumentTests : BunitContext
{
    private static readonly DateTimeOffset _incident = new(2026, 3, 3, 16, 47, 0, TimeSpan.Zero);

    internal static WriteUpModel Model(
        IReadOnlyList<WriteUpAction>? actions = null,
        IReadOnlyList<SignOff>? signOffs = null,
        string summary = "Pause broke reconciliation.",
        string? rootCause = "The job trusts its input") => new(
        BoardId: "b1",
        Title: "Pause subscription broke reconciliation",
        IncidentAt: _incident,
        IncidentType: IncidentType.Deployment,
        Severity: 2,
        TimeZone: "Europe/London",
        Summary: summary,
        Impact: "42 orders re-packed",
        Timeline:
        [
            new WriteUpTimelineRow(_incident, "2026-03-03 16:47", NoteKind.Event, "Deploy <b>v2</b>", KeyMoment.Trigger),
            new WriteUpTimelineRow(_incident.AddHours(13), "2026-03-04 05:47", NoteKind.Signal, "No alert fired", null),
        ],
        Gaps: [new TimelineGap("symptomToDetection", KeyMoment.ImpactStart, KeyMoment.Detected, _incident, _incident.AddMinutes(763), 763)],
        LargestGap: "symptomToDetection",
        RootCause: rootCause,
        Chains: [new WriteUpChain("Customers got the wrong box", [new WriteUpStep("Why?", "No validation", true)], false)],
        ContributingFactors: [],
        Actions: actions ?? [],
        FollowUpDate: new DateOnly(2026, 3, 27),
        SignOffs: signOffs ?? [],
        ClosedAt: null);

    [Fact]
    public void ShowsTheMeetingsOutcomeAsText()
    {
        var cut = Render<WriteUpDocument>(p => p.Add(x => x.Model, Model()));

        Assert.Equal("Pause subscription broke reconciliation", cut.Find("h1").TextContent);
        Assert.Contains("Blameless post-mortem · Deployment · severity 2", cut.Find(".eyebrow").TextContent, StringComparison.Ordinal);
        Assert.Contains("Incident: Tue 3 Mar, 16:47 (Europe/London)", cut.Find("header .muted").TextContent, StringComparison.Ordinal);
        var rows = cut.FindAll("[data-testid=writeup-timeline] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Equal("key", rows[0].ClassName);
        Assert.Contains("Deploy <b>v2</b>", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=writeup-timeline] b"));
        Assert.Equal("Signal", rows[1].Children[1].TextContent);
        Assert.Equal("Symptom → detection: 12 h 43 min — the largest gap", cut.Find(".writeup-gaps li.largest").TextContent);
        Assert.Equal("The job trusts its input", cut.Find("[data-testid=writeup-root-cause]").TextContent.Trim());
        Assert.Contains("None recorded.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Follow-up on 2026-03-27.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Nobody has signed off on the actions yet.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void SaysWhatIsMissing()
    {
        var cut = Render<WriteUpDocument>(p => p.Add(x => x.Model, Model(summary: "", rootCause: null)));

        Assert.Contains("No summary yet.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Not marked yet.", cut.Find("[data-testid=writeup-root-cause]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ListsActionsWithTicketLinksOnlyForHttpAddresses()
    {
        WriteUpAction[] actions =
        [
            new("n1", "Make sending idempotent", "Ana", new DateOnly(2026, 1, 30), ActionKind.LongTerm, ActionStatus.InProgress, "https://tracker.example/1", true, 3),
            new("n2", "Alert on duplicates", null, null, ActionKind.ShortTerm, ActionStatus.Open, "javascript:alert(1)", false, 1),
        ];

        var cut = Render<WriteUpDocument>(p => p.Add(x => x.Model, Model(actions)));

        var rows = cut.FindAll("[data-testid=writeup-action]");
        Assert.Equal(2, rows.Count);
        Assert.Equal("https://tracker.example/1", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("owner said yes", rows[0].Children[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-01-30", rows[0].Children[2].TextContent.Trim());
        Assert.Equal("Long-term improvement", rows[0].Children[3].TextContent);
        Assert.Equal("In progress", rows[0].Children[4].TextContent);
        Assert.Null(rows[1].QuerySelector("a"));
        Assert.Equal("—", rows[1].Children[1].TextContent.Trim());
        Assert.Equal("Short-term fix", rows[1].Children[3].TextContent);
    }

    [Fact]
    public void SaysWhoSignedOffAndWhenInTheIncidentsZone()
    {
        var at = new DateTimeOffset(2026, 11, 21, 23, 59, 0, TimeSpan.Zero);
        var cut = Render<WriteUpDocument>(p => p.Add(x => x.Model, Model(signOffs: [new SignOff("Dana Okafor", "p1", at)])));

        var line = cut.Find("[data-testid=signoff]");
        Assert.Equal("✓ Dana Okafor agreed to the actions on Sat 21 Nov, 23:59 (Europe/London)", line.TextContent);
        Assert.Equal("Dana Okafor", line.QuerySelector("strong")!.TextContent);
        Assert.DoesNotContain("Nobody has signed off", cut.Markup, StringComparison.Ordinal);
    }
}
