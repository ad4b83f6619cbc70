using Bunit;
using PostMortem.Core.Commands;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Board;

public sealed class PrimeDirectiveOverlayTests : BoardTestContext
{
    [Fact]
    public void HiddenUntilTheFacilitatorShowsIt()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<PrimeDirectiveOverlay>(session);
        Assert.Empty(cut.FindAll("[data-testid='prime-overlay']"));

        session.As(FakeBoardSession.Facilitator, new ShowPrimeDirective(true));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='prime-overlay']")));
        Assert.Equal("The facilitator will close this when the room is ready to go on.", cut.Find(".muted").TextContent);
        Assert.Empty(cut.FindAll("button"));
        Assert.StartsWith("Regardless of what we discover", cut.Find(".prime-card.large blockquote.prime-directive").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("— ", cut.Find(".prime-card figcaption.attribution").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFacilitatorHidesItForEveryone()
    {
        var session = new FakeBoardSession();
        session.As(FakeBoardSession.Facilitator, new ShowPrimeDirective(true));
        var cut = RenderOn<PrimeDirectiveOverlay>(session);

        cut.Find("button.primary").Click();

        Assert.Equal(new ShowPrimeDirective(false), session.Sent.Single().Command);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='prime-overlay']")));
    }

    [Fact]
    public void EscapeHidesItOnlyForTheFacilitator()
    {
        var alice = new FakeBoardSession(FakeBoardSession.Alice);
        alice.As(FakeBoardSession.Facilitator, new ShowPrimeDirective(true));
        var cut = RenderOn<PrimeDirectiveOverlay>(alice);

        cut.Find(".overlay").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });

        Assert.Empty(alice.Sent);
    }
}
