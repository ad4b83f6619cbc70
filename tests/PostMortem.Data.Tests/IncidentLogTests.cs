using PostMortem.Core.Model;
using PostMortem.Data.Entities;
using PostMortem.Data.Records;

namespace PostMortem.Data.Tests;

/// <summary>The incident log's queries over records written by the recorder (records built by hand here;
/// WorkedExampleTests writes them from a real board).</summary>
public sealed class IncidentLogTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 4, 1);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    internal static IncidentRecord Record(
        string title,
        DateTimeOffset at,
        IncidentType type = IncidentType.Deployment,
        string rootCause = "",
        IReadOnlyList<string>? factors = null,
        IReadOnlyList<(string Text, ActionStatus Status, DateOnly? Due)>? actions = null,
        long seq = 10,
        string? boardId = null)
    {
        var id = boardId ?? Guid.NewGuid().ToString();
        var actionRecords = (actions ?? []).Select((a, i) => new ActionRecord
        {
            BoardId = id,
            NoteId = $"action-{i}",
            Position = i,
            Text = a.Text,
            Owner = "Sam Rivera",
            DueDate = a.Due,
            Kind = ActionKind.ShortTerm,
            Status = a.Status,
        }).ToList();
        return new IncidentRecord
        {
            BoardId = id,
            Title = title,
            IncidentAt = at,
            IncidentDate = DateOnly.FromDateTime(at.UtcDateTime),
            IncidentType = type,
            Severity = 2,
            Summary = $"Summary of {title}",
            Impact = "Some customers affected",
            RootCause = rootCause,
            Status = IncidentRecorder.StatusOf(actionRecords),
            Seq = seq,
            UpdatedAt = at,
            Actions = actionRecords,
            ContributingFactors = [.. (factors ?? []).Select((f, i) => new ContributingFactorRecord { BoardId = id, Position = i, Text = f })],
        };
    }

    private static DateTimeOffset Day(int month, int day) => new(2026, month, day, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FiltersByTypeStatusDateRangeAndText()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var recorder = data.Get<IncidentRecorder>();
        var log = data.Get<IncidentLog>();
        var deploy = Record("Checkout deploy broke payments", Day(1, 10), IncidentType.Deployment, actions: [("Add canary", ActionStatus.Open, null)]);
        var vendor = Record("Vendor outage", Day(2, 5), IncidentType.External, actions: [("Add fallback vendor", ActionStatus.Done, null)]);
        var process = Record("Runbook drift", Day(3, 20), IncidentType.Process, rootCause: "No owner for the runbook");
        foreach (var r in new[] { deploy, vendor, process })
        {
            Assert.True(await recorder.WriteAsync(r, CancellationToken.None).Within());
        }

        async Task<IEnumerable<string>> Titles(IncidentFilter f) => (await log.ListAsync(f, Today, CancellationToken.None).Within()).Select(r => r.Title);

        Assert.Equal(["Runbook drift", "Vendor outage", "Checkout deploy broke payments"], await Titles(new IncidentFilter()));
        Assert.Equal(["Vendor outage"], await Titles(new IncidentFilter(Type: IncidentType.External)));
        Assert.Equal(["Checkout deploy broke payments"], await Titles(new IncidentFilter(Status: IncidentStatus.FollowUp)));
        Assert.Equal(["Runbook drift", "Vendor outage"], await Titles(new IncidentFilter(Status: IncidentStatus.Complete)));
        Assert.Equal(["Vendor outage"], await Titles(new IncidentFilter(From: new DateOnly(2026, 2, 1), To: new DateOnly(2026, 2, 28))));
        Assert.Equal(["Runbook drift"], await Titles(new IncidentFilter(From: new DateOnly(2026, 3, 20))));
        Assert.Equal(["Checkout deploy broke payments"], await Titles(new IncidentFilter(To: new DateOnly(2026, 1, 10))));
        Assert.Equal(["Runbook drift"], await Titles(new IncidentFilter(Text: "RUNBOOK")));
        Assert.Equal(["Vendor outage"], await Titles(new IncidentFilter(Text: "fallback")));
        Assert.Empty(await Titles(new IncidentFilter(Text: "100%_")));
    }

    [Fact]
    public async Task RowCountsDoneOpenAndOverdueActions()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var record = Record("Mixed actions", Day(3, 1), actions:
        [
            ("Done one", ActionStatus.Done, new DateOnly(2026, 3, 1)),
            ("Late one", ActionStatus.Open, new DateOnly(2026, 3, 31)),
            ("Due today", ActionStatus.InProgress, Today),
            ("Dropped", ActionStatus.WontDo, new DateOnly(2026, 3, 1)),
        ]);
        await data.Get<IncidentRecorder>().WriteAsync(record, CancellationToken.None).Within();

        var row = Assert.Single(await data.Get<IncidentLog>().ListAsync(new IncidentFilter(), Today, CancellationToken.None).Within());

        Assert.Equal((1, 2, 1), (row.ActionsDone, row.ActionsOpen, row.ActionsOverdue));
        Assert.Equal(IncidentStatus.FollowUp, row.Status);
    }

    [Fact]
    public async Task ActionPastItsDueDateAndNotDoneIsFlaggedOverdue()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var record = Record("Overdue check", Day(3, 1), actions:
        [
            ("Late", ActionStatus.Open, new DateOnly(2026, 3, 31)),
            ("Late but done", ActionStatus.Done, new DateOnly(2026, 3, 2)),
            ("Due today", ActionStatus.Open, Today),
            ("No date", ActionStatus.Open, null),
        ]);
        await data.Get<IncidentRecorder>().WriteAsync(record, CancellationToken.None).Within();
        var log = data.Get<IncidentLog>();

        var overdue = await log.ActionsAsync(overdueOnly: true, Today, CancellationToken.None).Within();
        var all = await log.ActionsAsync(overdueOnly: false, Today, CancellationToken.None).Within();

        Assert.Equal(["Late"], overdue.Select(a => a.Text));
        Assert.True(Assert.Single(overdue).Overdue);
        Assert.Equal(["Late"], all.Where(a => a.Overdue).Select(a => a.Text));
        Assert.Equal(4, all.Count);
        var detail = await log.GetAsync(record.BoardId, Today, CancellationToken.None).Within();
        Assert.Equal([true, false, false, false], detail!.Actions.Select(a => a.Overdue));
    }

    [Fact]
    public async Task RecurringCauseNamesTheEarlierIncidentAndTheSharedWords()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var recorder = data.Get<IncidentRecorder>();
        var first = Record("Pause subscription broke reconciliation", Day(3, 4),
            rootCause: "No mechanism for one squad to know what another is changing");
        var unrelated = Record("Disk full on build agent", Day(3, 10), rootCause: "Build agents have no log rotation");
        var second = Record("Pricing change broke invoices", Day(3, 25),
            rootCause: "No mechanism for one team to know what another team is changing",
            factors: ["Friday afternoon deploy"]);
        foreach (var r in new[] { first, unrelated, second })
        {
            await recorder.WriteAsync(r, CancellationToken.None).Within();
        }

        var log = data.Get<IncidentLog>();
        var detail = await log.GetAsync(second.BoardId, Today, CancellationToken.None).Within();

        var recurring = Assert.Single(detail!.Incident.RecurringCauses);
        Assert.Equal(first.BoardId, recurring.BoardId);
        Assert.Equal(["mechanism", "know", "changing"], recurring.SharedWords);
        Assert.True(recurring.Score >= 0.4, $"score {recurring.Score}");
        Assert.Contains("\"mechanism\", \"know\", \"changing\"", recurring.Reason, StringComparison.Ordinal);
        Assert.Contains("Pause subscription broke reconciliation", recurring.Reason, StringComparison.Ordinal);
        // Recurrence looks back only: the earlier incident does not claim the later one.
        Assert.Empty((await log.GetAsync(first.BoardId, Today, CancellationToken.None).Within())!.Incident.RecurringCauses);
        Assert.Empty((await log.GetAsync(unrelated.BoardId, Today, CancellationToken.None).Within())!.Incident.RecurringCauses);
    }

    [Fact]
    public async Task ContributingFactorsCountTowardsRecurrence()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var recorder = data.Get<IncidentRecorder>();
        var first = Record("Login outage", Day(1, 4), rootCause: "Session store had a single node", factors: ["Alert on error rate was missing"]);
        var second = Record("Search outage", Day(2, 4), rootCause: "Index rebuild locked the cluster", factors: ["Missing alert for the error rate"]);
        await recorder.WriteAsync(first, CancellationToken.None).Within();
        await recorder.WriteAsync(second, CancellationToken.None).Within();

        var row = (await data.Get<IncidentLog>().ListAsync(new IncidentFilter(), Today, CancellationToken.None).Within()).First(r => r.BoardId == second.BoardId);

        var recurring = Assert.Single(row.RecurringCauses);
        Assert.Equal("Missing alert for the error rate", recurring.Text);
        Assert.Equal("Alert on error rate was missing", recurring.EarlierText);
        Assert.StartsWith("Contributing factor shares", recurring.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviousOpenActionsComeFromTheLatestTwoIncidents()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var recorder = data.Get<IncidentRecorder>();
        var oldest = Record("Oldest", Day(1, 1), actions: [("Old open", ActionStatus.Open, null)]);
        var middle = Record("Middle", Day(2, 1), actions: [("Middle open", ActionStatus.InProgress, null), ("Middle done", ActionStatus.Done, null)]);
        var latest = Record("Latest", Day(3, 1), actions: [("Latest open", ActionStatus.Open, new DateOnly(2026, 3, 10))]);
        foreach (var r in new[] { oldest, middle, latest })
        {
            await recorder.WriteAsync(r, CancellationToken.None).Within();
        }

        var previous = await data.Get<IncidentLog>().PreviousOpenActionsAsync("new-board", Today, CancellationToken.None).Within();

        Assert.Equal(["Latest", "Middle"], previous.Select(p => p.Title));
        Assert.Equal(["Latest open"], previous[0].OpenActions.Select(a => a.Text));
        Assert.True(previous[0].OpenActions[0].Overdue);
        Assert.Equal(["Middle open"], previous[1].OpenActions.Select(a => a.Text));
    }

    [Fact]
    public async Task RecordFromAnOlderBoardStateNeverReplacesANewerOne()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var recorder = data.Get<IncidentRecorder>();
        var id = Guid.NewGuid().ToString();
        var newer = Record("Newer title", Day(3, 1), seq: 20, boardId: id, actions: [("Done now", ActionStatus.Done, null)]);
        var older = Record("Older title", Day(3, 1), seq: 12, boardId: id, actions: [("Still open", ActionStatus.Open, null), ("Another", ActionStatus.Open, null)]);

        Assert.True(await recorder.WriteAsync(older, CancellationToken.None).Within());
        Assert.True(await recorder.WriteAsync(newer, CancellationToken.None).Within());
        Assert.False(await recorder.WriteAsync(Record("Older title", Day(3, 1), seq: 12, boardId: id), CancellationToken.None).Within());

        var detail = await data.Get<IncidentLog>().GetAsync(id, Today, CancellationToken.None).Within();
        Assert.Equal("Newer title", detail!.Incident.Title);
        Assert.Equal(["Done now"], detail.Actions.Select(a => a.Text));
        Assert.Equal(IncidentStatus.Complete, detail.Incident.Status);
    }

    [Fact]
    public async Task RacingRecordWritersLeaveTheNewestState()
    {
        await using var first = await DataServices.StartAsync(_folder.Path);
        await using var second = await DataServices.StartAsync(_folder.Path);
        var recorders = new[] { first.Get<IncidentRecorder>(), second.Get<IncidentRecorder>() };
        var id = Guid.NewGuid().ToString();

        await Task.WhenAll(Enumerable.Range(1, 30).Select(seq => Task.Run(() =>
            recorders[seq % 2].WriteAsync(Record($"State {seq}", Day(3, 1), seq: seq, boardId: id, actions: [($"Action at {seq}", ActionStatus.Open, null)]), CancellationToken.None))))
            .WaitAsync(TimeSpan.FromSeconds(60));

        var detail = await first.Get<IncidentLog>().GetAsync(id, Today, CancellationToken.None).Within();
        Assert.Equal("State 30", detail!.Incident.Title);
        Assert.Equal(["Action at 30"], detail.Actions.Select(a => a.Text));
    }

    [Fact]
    public async Task UnknownIncidentIsNotFound()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        Assert.Null(await data.Get<IncidentLog>().GetAsync("no-such-board", Today, CancellationToken.None).Within());
    }

    [Theory]
    [InlineData("bogus", null, null, null, null, "type")]
    [InlineData(null, "closed-ish", null, null, null, "status")]
    [InlineData(null, null, "03/04/2026", null, null, "from")]
    [InlineData(null, null, null, "2026-13-01", null, "to")]
    [InlineData(null, null, "2026-03-05", "2026-03-04", null, "from")]
    [InlineData("1", null, null, null, null, "type")]
    public void BadFilterValuesAreRejectedNamingTheParameter(string? type, string? status, string? from, string? to, string? q, string parameter)
    {
        Assert.False(IncidentFilter.TryParse(type, status, from, to, q, out _, out var error));
        Assert.Equal(parameter, error!.Parameter);
    }

    [Fact]
    public void FilterValuesAreReadCaseInsensitively()
    {
        Assert.True(IncidentFilter.TryParse("deployment", "followUp", "2026-03-01", "2026-03-31", "  api  ", out var filter, out _));
        Assert.Equal(new IncidentFilter(IncidentType.Deployment, IncidentStatus.FollowUp, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), "api"), filter);
    }
}
