using Bunit;
using PostMortem.Web.Client.Shared;
using Xunit;

namespace PostMortem.Web.Tests;

public sealed class AppHeaderTests : BunitContext
{
    [Fact]
    public void LinksTheThreePlacesOfTheProduct()
    {
        var header = Render<AppHeader>();

        var links = header.FindAll("nav a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Equal([("/new", "New post-mortem"), ("/incidents", "Incident log"), ("/actions", "Action follow-up")], links);
    }
}
