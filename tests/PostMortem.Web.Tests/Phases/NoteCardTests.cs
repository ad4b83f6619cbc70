using Bunit;
using Microsoft.AspNetCore.Components.Web;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Web.Client.Phases;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Phases;

public sealed class NoteCardTests : PhaseTestBase
{
    private static (FakeBoardSession Session, Note Note) BoardWithNote(string viewer, string text = "The job had no alerting")
    {
        var session = Board(viewer, Phase.ContributingFactors);
        session.As(FakeBoardSession.Alice, new AddNote("n1", NoteKind.ContributingFactor, text));
        return (session, session.View!.Notes.Single(n => n.Id == "n1"));
    }

    [Fact]
    public void TheAuthorEditsInPlaceAndSavesWithCtrlEnter()
    {
        var (session, note) = BoardWithNote(FakeBoardSession.Alice);
        var cut = RenderUnder<NoteCard>(session, p => p.Add(x => x.Note, note));

        Button(cut, "Edit note: The job had no alerting").Click();
        cut.Find("textarea").Input("The reconciliation job had no alerting");
        cut.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter", CtrlKey = true });

        var edit = Assert.Single(SentOf<EditNote>(session));
        Assert.Equal(("n1", "The reconciliation job had no alerting"), (edit.NoteId, edit.Text));
        Assert.Empty(cut.FindAll("textarea"));
    }

    [Fact]
    public void EscapeLeavesTheNoteAsItWas()
    {
        var (session, note) = BoardWithNote(FakeBoardSession.Alice);
        var cut = RenderUnder<NoteCard>(session, p => p.Add(x => x.Note, note));

        Button(cut, "Edit note: The job had no alerting").Click();
        cut.Find("textarea").Input("changed");
        cut.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.Empty(SentOf<EditNote>(session));
        Assert.Equal("The job had no alerting", cut.Find(".note-text").TextContent);
    }

    [Fact]
    public void DeletingAsksFirst()
    {
        var (session, note) = BoardWithNote(FakeBoardSession.Alice);
        var cut = RenderUnder<NoteCard>(session, p => p.Add(x => x.Note, note));

        Button(cut, "Delete note: The job had no alerting").Click();
        Assert.Empty(SentOf<DeleteNote>(session));
        Assert.Equal("Delete this note?", cut.Find(".confirm-question").TextContent);
        cut.Find(".confirm button.danger-solid").Click();

        Assert.Equal("n1", Assert.Single(SentOf<DeleteNote>(session)).NoteId);
    }

    [Fact]
    public void SomeoneElsesNoteOffersNoEditOrDelete()
    {
        var (session, note) = BoardWithNote(FakeBoardSession.Bob);
        var cut = RenderUnder<NoteCard>(session, p => p.Add(x => x.Note, note));

        Assert.Empty(cut.FindAll(".note-tools"));
        Assert.Equal("Alice", cut.Find(".note-author").TextContent);
    }

    [Fact]
    public void ALongNoteIsClampedWithMore()
    {
        var text = string.Concat(Enumerable.Repeat("The overnight job read a shape it did not expect. ", 20));
        var (session, note) = BoardWithNote(FakeBoardSession.Bob, text.Trim());
        var cut = RenderUnder<NoteCard>(session, p => p.Add(x => x.Note, note));

        Assert.True(cut.Find(".note-text").ClassList.Contains("clamped"));
        Assert.True(cut.Find(".note-text").TextContent.Length < text.Length);
        cut.Find("button.note-more").Click();

        Assert.Equal(text.Trim(), cut.Find(".note-text").TextContent);
        Assert.Equal("less", cut.Find("button.note-more").TextContent);
        Assert.Equal("true", cut.Find("button.note-more").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void CoachFlagsShowAsABadge()
    {
        var (session, note) = BoardWithNote(FakeBoardSession.Bob, "Bob forgot to check the job output");
        Assert.NotEmpty(note.Flags);
        var cut = RenderUnder<NoteCard>(session, p => p.Add(x => x.Note, note));

        Assert.Contains("coach:", cut.Find(".coach-badge").TextContent, StringComparison.Ordinal);
    }
}
