using Microsoft.Extensions.Options;
using PostMortem.Server.HandOff;

namespace PostMortem.Data.Tests.HandOff;

/// <summary>Hand-off settings that cannot work stop the server at start-up, naming the key (R29).</summary>
public sealed class HandOffSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string StartFailure(Dictionary<string, string?> settings)
    {
        var e = Assert.ThrowsAny<Exception>(() => AppServer.Start(_folder.Path, settings: settings));
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is OptionsValidationException options)
            {
                return options.Message;
            }
        }

        return e.ToString();
    }

    [Theory]
    [InlineData("not a url", "HandOff:Webhook:Url must be an absolute http or https address")]
    [InlineData("ftp://hooks.example.com/x", "HandOff:Webhook:Url must be an absolute http or https address")]
    [InlineData("/relative/hook", "HandOff:Webhook:Url must be an absolute http or https address")]
    public void ABadWebhookUrlFailsAtStartWithAClearMessage(string url, string expected)
    {
        var message = StartFailure(new() { ["HandOff:Webhook:Url"] = url, ["HandOff:Webhook:Secret"] = "0123456789abcdef0123" });

        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Contains(url, message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWebhookWithoutASecretFailsAtStartWithoutEchoingIt()
    {
        var message = StartFailure(new() { ["HandOff:Webhook:Url"] = "https://hooks.example.com/pm", ["HandOff:Webhook:Secret"] = "short-one" });

        Assert.Contains("HandOff:Webhook:Secret must be set, at least 16 characters", message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-one", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Trac", "https://trac.example.com", null, "HandOff:Tracker:Kind must be GitHub, GitLab or Jira")]
    [InlineData("GitHub", "https://github.com/acme", null, "one repository")]
    [InlineData("Jira", "https://jira.example.com", null, "numeric ids of its project and issue type")]
    public void ABadTrackerFailsAtStartWithAClearMessage(string kind, string baseUrl, string? project, string expected)
    {
        var message = StartFailure(new() { ["HandOff:Tracker:Kind"] = kind, ["HandOff:Tracker:BaseUrl"] = baseUrl, ["HandOff:Tracker:JiraProjectId"] = project });

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void BackoffDoublesUpToTheCapAndStopsAfterTheLastAttempt()
    {
        var settings = new WebhookSettings { MaxAttempts = 6, InitialBackoff = TimeSpan.FromSeconds(10), MaxBackoff = TimeSpan.FromSeconds(60) };

        Assert.Equal(
            [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), null],
            Enumerable.Range(1, 6).Select(settings.BackoffAfter));
    }
}
