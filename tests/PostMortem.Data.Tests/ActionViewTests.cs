using PostMortem.Core.Model;
using PostMortem.Data.Entities;
using PostMortem.Data.Records;

namespace PostMortem.Data.Tests;

/// <summary>"Overdue" and its days are the server's figures (clients show them, never compare dates themselves).</summary>
public sealed class ActionViewTests
{
    private static ActionRecord Action(string? due, ActionStatus status = ActionStatus.Open) => new()
    {
        BoardId = "b", NoteId = "a1", Text = "Contract tests", DueDate = due is null ? null : DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Status = status,
    };

    [Theory]
    [InlineData("2026-03-13", "2026-03-14", 1)]
    [InlineData("2026-03-20", "2026-04-02", 13)] // across a month end and the spring clock change
    public void AnOpenActionPastItsDueDateIsOverdueByWholeDays(string due, string today, int days)
    {
        var view = ActionViews.From(Action(due), "t", DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(view.Overdue);
        Assert.Equal(days, view.DaysOverdue);
    }

    [Theory]
    [InlineData("2026-03-13", "2026-03-13", ActionStatus.Open)]
    [InlineData("2026-03-13", "2026-03-01", ActionStatus.InProgress)]
    [InlineData(null, "2026-03-01", ActionStatus.Open)]
    [InlineData("2026-03-01", "2026-03-13", ActionStatus.Done)]
    [InlineData("2026-03-01", "2026-03-13", ActionStatus.WontDo)]
    public void OnOrBeforeItsDueDateWithoutOneOrFinishedAnActionIsNotOverdue(string? due, string today, ActionStatus status)
    {
        var view = ActionViews.From(Action(due, status), "t", DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.False(view.Overdue);
        Assert.Equal(0, view.DaysOverdue);
    }
}
