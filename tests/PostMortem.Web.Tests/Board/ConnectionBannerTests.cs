using Bunit;
using PostMortem.Client;
using PostMortem.Core.Commands;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Board;

public sealed class ConnectionBannerTests : BoardTestContext
{
    [Fact]
    public void NothingWhileConnected()
    {
        var cut = RenderOn<ConnectionBanner>(new FakeBoardSession());

        Assert.Empty(cut.FindAll("[data-testid='connection-banner']"));
    }

    [Fact]
    public void OfflineSaysChangesAreKeptWithThePendingCount()
    {
        var session = new FakeBoardSession();
        var cut = RenderOn<ConnectionBanner>(session);

        session.Status = ConnectionStatus.Offline;
        session.PendingCommands = [new PendingCommand("op-a", new SetReady(true), null), new PendingCommand("op-b", new SetReady(false), null)];
        session.NotifyChanged();

        cut.WaitForAssertion(() => Assert.Equal(
            "Offline — your changes are kept (2 waiting to send). They will be sent when the connection returns.",
            cut.Find("[data-testid='connection-banner']").TextContent));
        var banner = cut.Find(".connection-banner");
        Assert.Contains("offline", banner.ClassList);
        Assert.Equal("status", banner.GetAttribute("role"));

        session.Status = ConnectionStatus.Connected;
        session.PendingCommands = [];
        session.NotifyChanged();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".connection-banner")));
    }

    [Fact]
    public void ReconnectingWithNothingPending()
    {
        var session = new FakeBoardSession { Status = ConnectionStatus.Reconnecting };

        var cut = RenderOn<ConnectionBanner>(session);

        Assert.Equal("Reconnecting — your changes are kept", cut.Find(".connection-banner.reconnecting").TextContent);
    }

    [Fact]
    public void TheBannerIsKeptInViewByTheStylesheet()
    {
        // Fix 8: the banner's class is sticky in app.css, which the page loads; the rule must stay there.
        var css = File.ReadAllText(Path.Combine(RepoRoot(), "web", "PostMortem.Web", "wwwroot", "app.css"));

        Assert.Contains(".connection-banner { position: sticky; top: 0;", css, StringComparison.Ordinal);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
