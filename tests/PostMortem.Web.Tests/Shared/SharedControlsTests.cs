using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using PostMortem.Core.Model;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Client.Shared;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Shared;

public sealed class ConfirmButtonTests : BunitContext
{
    [Fact]
    public void AsksInPlaceAndActsOnlyOnConfirm()
    {
        var confirmed = 0;
        var cut = Render<ConfirmButton>(p => p
            .Add(x => x.Label, "Delete")
            .Add(x => x.AriaLabel, "Delete note: x")
            .Add(x => x.Question, "Delete this note?")
            .Add(x => x.ConfirmLabel, "Delete it")
            .Add(x => x.Danger, true)
            .Add(x => x.OnConfirm, () => confirmed++));

        cut.Find("button[aria-label='Delete note: x']").Click();
        Assert.Equal("Delete this note?", cut.Find(".confirm").GetAttribute("aria-label"));
        Assert.Equal(0, confirmed);

        cut.Find("button.danger-solid").Click();
        Assert.Equal(1, confirmed);
        Assert.Empty(cut.FindAll(".confirm"));
    }

    [Fact]
    public void EscapeAndCancelStepBackWithoutActing()
    {
        var confirmed = 0;
        var cut = Render<ConfirmButton>(p => p
            .Add(x => x.Label, "Remove")
            .Add(x => x.Question, "Remove Bob?")
            .Add(x => x.ConfirmLabel, "Remove")
            .Add(x => x.OnConfirm, () => confirmed++));

        cut.Find("button").Click();
        cut.Find(".confirm").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(cut.FindAll(".confirm"));

        cut.Find("button").Click();
        cut.FindAll(".confirm button").Single(b => b.TextContent == "Cancel").Click();
        Assert.Empty(cut.FindAll(".confirm"));
        Assert.Equal(0, confirmed);
    }
}

public sealed class InlineEditTests : BunitContext
{
    private IRenderedComponent<InlineEdit> RenderEditor(Action onSave, Action onCancel, bool canSave = true) =>
        Render<InlineEdit>(p => p
            .Add(x => x.AriaLabel, "Edit note: a")
            .Add(x => x.CanSave, canSave)
            .Add(x => x.OnSave, onSave)
            .Add(x => x.OnCancel, onCancel)
            .AddChildContent("<input type=\"text\" />"));

    [Fact]
    public void SubmittingSavesOnce()
    {
        var saved = 0;
        var cut = RenderEditor(() => saved++, () => { });

        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter", CtrlKey = true });
        cut.Find("form").Submit();

        Assert.Equal(1, saved);
    }

    [Fact]
    public void EscapeCancels()
    {
        var saved = 0;
        var cancelled = 0;
        var cut = RenderEditor(() => saved++, () => cancelled++);

        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.Equal((0, 1), (saved, cancelled));
    }

    [Fact]
    public void NothingToSaveDisablesSaveAndIgnoresCtrlEnter()
    {
        var saved = 0;
        var cut = RenderEditor(() => saved++, () => { }, canSave: false);

        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter", CtrlKey = true });

        Assert.True(cut.Find("button[type=submit]").HasAttribute("disabled"));
        Assert.Equal(0, saved);
    }

    [Fact]
    public void PlainEnterInATextareaIsANewLineNotASave()
    {
        var saved = 0;
        var cut = RenderEditor(() => saved++, () => { });

        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(0, saved);
    }
}

public sealed class CoachHintsTests : BunitContext
{
    private static readonly CoachFlag[] Flags = [new("blame", "Bob forgot", 0, "Describe what the system allowed.", "the step was skipped")];

    [Fact]
    public void ListsFindingsAndOffersTheSuggestion()
    {
        string? used = null;
        var cut = Render<CoachHints>(p => p.Add(x => x.Flags, Flags).Add(x => x.OnUseSuggestion, (string s) => used = s));

        Assert.Equal("Blameless language coach", cut.Find(".coach-title").TextContent);
        Assert.Equal("Bob forgot", cut.Find("li mark").TextContent);
        cut.Find("button.link-button").Click();
        Assert.Equal("the step was skipped", used);
    }

    [Fact]
    public void CompactIsABadgeAndNothingShowsWithoutFlags()
    {
        var badge = Render<CoachHints>(p => p.Add(x => x.Flags, Flags).Add(x => x.Compact, true));
        Assert.Contains("coach: Bob forgot", badge.Find(".coach-badge").TextContent, StringComparison.Ordinal);

        var none = Render<CoachHints>(p => p.Add(x => x.Flags, Array.Empty<CoachFlag>()));
        Assert.Equal("", none.Markup.Trim());
    }
}

public sealed class CoachedTextTests : BunitContext
{
    private readonly FakeBoardSession _session = new(FakeBoardSession.Alice);

    private IRenderedComponent<CoachedText> RenderField(Action<string> changed, bool multiline = false, int maxLength = 1000, int coachDelayMs = 5) =>
        Render<CoachedText>(p => p
            .AddCascadingValue<IBoardSession>(_session)
            .Add(x => x.Label, "Note")
            .Add(x => x.Multiline, multiline)
            .Add(x => x.MaxLength, maxLength)
            .Add(x => x.CoachDelay, TimeSpan.FromMilliseconds(coachDelayMs))
            .Add(x => x.ValueChanged, EventCallback.Factory.Create<string>(this, changed)));

    [Fact]
    public void AsksTheCoachAfterTypingAndShowsItsHints()
    {
        var asked = new List<string>();
        _session.Coach = text =>
        {
            asked.Add(text);
            return [new CoachFlag("blame", "Bob", 0, "Name the system, not the person.", null)];
        };
        var value = "";
        var cut = RenderField(v => value = v);

        cut.Find("input").Input("Bob broke it");

        cut.WaitForAssertion(() => Assert.Equal("Bob", cut.Find(".coach mark").TextContent));
        Assert.Equal("Bob broke it", value);
        Assert.Equal(["Bob broke it"], asked);
        Assert.Equal("typing", Assert.Single(_session.PresenceSent).Kind);
        Assert.Contains("-coach", cut.Find("input").GetAttribute("aria-describedby"), StringComparison.Ordinal);
    }

    [Fact]
    public void ShortTextIsNotChecked()
    {
        var asked = 0;
        _session.Coach = _ =>
        {
            asked++;
            return [];
        };
        var cut = RenderField(_ => { });

        cut.Find("input").Input("ab");

        Assert.Equal(0, asked);
        Assert.Empty(cut.FindAll(".coach"));
    }

    [Fact]
    public void ALongPasteIsCutAndSaysByHowMuch()
    {
        var value = "";
        // The coach is not part of this test: it would answer only after the test ends.
        var cut = RenderField(v => value = v, multiline: true, coachDelayMs: 600_000);

        cut.Find("textarea").Input(new string('x', 10_000));

        Assert.Equal(1000, value.Length);
        Assert.Equal("Cut to 1,000 characters: the last 9,000 characters were left out.", cut.Find(".cut-notice").TextContent);
        Assert.Equal(1000, cut.Find("textarea").GetAttribute("value")!.Length);

        cut.Find("textarea").Input("short");
        Assert.Empty(cut.FindAll(".cut-notice"));
    }
}
