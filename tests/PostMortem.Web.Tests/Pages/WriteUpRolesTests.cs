using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core.WriteUp;
using PostMortem.Web.Data;
using PostMortem.Web.Pages;
using PostMortem.Web.Shared;
using PostMortem.Web.Tests.Fakes;
using PostMortem.Web.Tests.Shared;
using Xunit;

namespace PostMortem.Web.Tests.Pages;

/// <summary>The write-up's "Names / Roles" switch: links with roles=1, the mode marked, the exports in the same mode.</summary>
public sealed class WriteUpRolesTests : BunitContext
{
    private readonly FakeBoardPages _boards = new() { WriteUp = PageResult<WriteUpModel>.Ok(WriteUpDocumentTests.Model()) };

    public WriteUpRolesTests() => Services.AddSingleton<IBoardPages>(_boards);

    private IRenderedComponent<WriteUpPage> Open(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/b/b1/writeup?key={FakeBoardPages.Key}{query}");
        return Render<WriteUpPage>(p => p.Add(x => x.BoardId, "b1"));
    }

    private static Dictionary<string, AngleSharp.Dom.IElement> Options(IRenderedComponent<WriteUpPage> cut) =>
        cut.FindAll("[data-testid=names-roles] a").ToDictionary(a => a.TextContent.Trim());

    [Fact]
    public void ByDefaultNamesAreShownAndTheSwitchOffersRoles()
    {
        var cut = Open("");

        Assert.Equal([false], _boards.WriteUpNamesAsRoles);
        var options = Options(cut);
        Assert.Equal("/b/b1/writeup?key=read-key", options["Names"].GetAttribute("href"));
        Assert.Equal("true", options["Names"].GetAttribute("aria-current"));
        Assert.Equal("/b/b1/writeup?key=read-key&roles=1", options["Roles"].GetAttribute("href"));
        Assert.False(options["Roles"].HasAttribute("aria-current"));
        Assert.Equal("/api/boards/b1/writeup.md?key=read-key", cut.Find("a[href*='writeup.md']").GetAttribute("href"));
        Assert.Empty(cut.FindAll(".names-roles-note"));
    }

    [Theory]
    [InlineData("&roles=1")]
    [InlineData("&roles=true")]
    public void WithRolesOnTheWriteUpAndItsExportsReplaceNamesAndTheSwitchSaysSo(string query)
    {
        var cut = Open(query);

        Assert.Equal([true], _boards.WriteUpNamesAsRoles);
        var options = Options(cut);
        Assert.Equal("true", options["Roles"].GetAttribute("aria-current"));
        Assert.False(options["Names"].HasAttribute("aria-current"));
        Assert.Equal("/api/boards/b1/writeup.md?key=read-key&roles=1", cut.Find("a[href*='writeup.md']").GetAttribute("href"));
        Assert.Equal("/api/boards/b1/writeup.json?key=read-key&roles=1", cut.Find("a[href*='writeup.json']").GetAttribute("href"));
        Assert.Equal("Names are replaced by each person's role in the incident.", cut.Find(".names-roles-note").TextContent);
    }

    [Fact]
    public void AValueTheSwitchDoesNotHaveShowsNames()
    {
        Open("&roles=maybe");

        Assert.Equal([false], _boards.WriteUpNamesAsRoles);
    }

    [Fact]
    public void TheSwitchIsANavigationOfTwoLinksThatNeedNoScript()
    {
        var cut = Render<NamesRolesSwitch>(p => p.Add(x => x.Address, "/b/b1/replay?key=k&at=12").Add(x => x.Roles, true));

        var nav = cut.Find("nav.names-roles");
        Assert.Equal("Show people by", nav.GetAttribute("aria-label"));
        Assert.Equal(["/b/b1/replay?key=k&at=12", "/b/b1/replay?key=k&at=12&roles=1"], nav.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Empty(cut.FindAll("button, script"));
    }
}
