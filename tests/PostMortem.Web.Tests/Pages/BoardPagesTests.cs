using Bunit;
using Microsoft.AspNetCore.Components.Forms.Mapping;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.WriteUp;
using PostMortem.Web.Data;
using PostMortem.Web.Pages;
using PostMortem.Web.Tests.Fakes;
using PostMortem.Web.Tests.Shared;
using Xunit;

namespace PostMortem.Web.Tests.Pages;

/// <summary>Pre-read, write-up and sign-off: server-rendered from the read key in the query.</summary>
public sealed class BoardPagesTests : BunitContext
{
    private readonly FakeBoardPages _boards = new();

    private readonly FakeFormValues _form = new();

    public BoardPagesTests()
    {
        Services.AddSingleton<IBoardPages>(_boards);
        Services.AddSingleton<Microsoft.AspNetCore.Components.Forms.Mapping.IFormValueMapper>(_form);
        Services.AddSupplyValueFromFormProvider();
    }

    private void Go(string uri) => Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(uri);

    [Fact]
    public void PreReadShowsTheFramingAndTheDraftTimelineInOrder()
    {
        var session = new FakeBoardSession();
        session.As(FakeBoardSession.Facilitator, new AddNote("n2", NoteKind.Event, "Fix deployed", new DateTimeOffset(2026, 3, 4, 11, 0, 0, TimeSpan.Zero)));
        session.As(FakeBoardSession.Facilitator, new AddNote("n1", NoteKind.Signal, "No alert fired", new DateTimeOffset(2026, 3, 4, 5, 30, 0, TimeSpan.Zero)));
        _boards.Read = PageResult<Core.BoardView>.Ok(session.Board.ViewFor("reader"));

        Go($"/b/b1/read?key={FakeBoardPages.Key}");
        var cut = Render<PreReadPage>(p => p.Add(x => x.BoardId, "b1"));

        Assert.Equal(("b1", FakeBoardPages.Key), _boards.Reads.Single());
        Assert.Equal("Pause subscription broke reconciliation", cut.Find("h1").TextContent);
        Assert.Contains("Pre-read · Integration · severity 2", cut.Find(".eyebrow").TextContent, StringComparison.Ordinal);
        var rows = cut.FindAll(".writeup-timeline tbody tr");
        Assert.Equal(["No alert fired", "Fix deployed"], rows.Select(r => r.Children[2].TextContent));
        Assert.Equal("Signal", rows[0].Children[1].TextContent);
        Assert.NotEmpty(cut.FindAll(".prime-directive"));
    }

    [Fact]
    public void AWrongKeySaysTheLinkIsNotValid()
    {
        _boards.Read = PageResult<Core.BoardView>.Fail(403, "unauthorized", "The read key is not right for this board.");

        Go($"/b/b1/read?key={"wrong"}");
        var cut = Render<PreReadPage>(p => p.Add(x => x.BoardId, "b1"));

        Assert.Equal("This pre-read link is not valid.", cut.Find("[role=alert]").TextContent);
        Assert.Empty(cut.FindAll("article"));
    }

    [Fact]
    public void WriteUpOffersExportsNamedAfterTheIncident()
    {
        _boards.WriteUp = PageResult<WriteUpModel>.Ok(WriteUpDocumentTests.Model());

        Go($"/b/b1/writeup?key={FakeBoardPages.Key}");
        var cut = Render<WriteUpPage>(p => p.Add(x => x.BoardId, "b1"));

        var markdown = cut.Find("a[href*='writeup.md']");
        Assert.Equal("/api/boards/b1/writeup.md?key=read-key", markdown.GetAttribute("href"));
        Assert.Equal("2026-03-03-pause-subscription-broke-reconciliation.md", markdown.GetAttribute("download"));
        Assert.Equal("2026-03-03-pause-subscription-broke-reconciliation.json", cut.Find("a[href*='writeup.json']").GetAttribute("download"));
        Assert.Equal("/b/b1/signoff?key=read-key", cut.Find("a.button:last-child").GetAttribute("href"));
        Assert.NotNull(cut.Find("[data-testid=writeup]"));
    }

    [Fact]
    public void WriteUpWithStorageDownSaysSoInASentence()
    {
        _boards.WriteUp = PageResult<WriteUpModel>.Fail(503, "unavailable", "The board did not answer in time; retry.");

        Go($"/b/b1/writeup?key={FakeBoardPages.Key}");
        var cut = Render<WriteUpPage>(p => p.Add(x => x.BoardId, "b1"));

        Assert.Equal("The board did not answer in time; retry.", cut.Find("[role=alert]").TextContent);
        Assert.Empty(cut.FindAll(".writeup-tools"));
    }

    [Fact]
    public void SigningOffThanksByNameAndShowsTheSignature()
    {
        _boards.WriteUp = PageResult<WriteUpModel>.Ok(WriteUpDocumentTests.Model());
        _boards.AfterSignOff = name => WriteUpDocumentTests.Model(signOffs: [new SignOff(name, "reader-1", new DateTimeOffset(2026, 11, 21, 23, 59, 0, TimeSpan.Zero))]);
        _form.Values["Name"] = "  Dana Okafor ";

        Go($"/b/b1/signoff?key={FakeBoardPages.Key}");
        var cut = Render<SignOffPage>(p => p.Add(x => x.BoardId, "b1"));
        Assert.Contains("Nobody has signed off on the actions yet.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("The meeting has not closed yet", cut.Markup, StringComparison.Ordinal);
        cut.Find("form").Submit();

        Assert.Equal(("b1", FakeBoardPages.Key, "Dana Okafor"), _boards.SignOffs.Single());
        Assert.Equal("Thank you, Dana Okafor — your sign-off is recorded.", cut.Find("[role=status]").TextContent);
        Assert.Contains("Dana Okafor agreed to the actions on", cut.Find("[data-testid=signoff]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("form"));
    }

    [Fact]
    public void ARefusedSignOffKeepsTheFormAndSaysWhy()
    {
        _boards.WriteUp = PageResult<WriteUpModel>.Ok(WriteUpDocumentTests.Model());
        _boards.Signed = PageResult<Core.Protocol.SignOffResponse>.Fail(400, "text_too_long", "A name is at most 60 characters.");
        _form.Values["Name"] = new string('x', 70);

        Go($"/b/b1/signoff?key={FakeBoardPages.Key}");
        var cut = Render<SignOffPage>(p => p.Add(x => x.BoardId, "b1"));
        cut.Find("form").Submit();

        Assert.Equal("A name is at most 60 characters.", cut.Find("[role=alert]").TextContent);
        Assert.NotNull(cut.Find("form"));
        Assert.Empty(cut.FindAll("[role=status]"));
    }
}
