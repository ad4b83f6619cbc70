using Microsoft.Extensions.Options;
using PostMortem.Core.HandOff;

namespace PostMortem.Server.HandOff;

/// <summary>Hand-off to trackers and calendars, and the outgoing webhook. Section "HandOff"; every part optional.</summary>
internal sealed class HandOffOptions
{
    public const string Section = "HandOff";

    /// <summary>The address people reach this deployment at (e.g. https://postmortem.example.com): links in tracker
    /// issues, calendar files and webhook bodies are made absolute with it. Unset: pages use the address the request
    /// came to, and webhook bodies carry no link.</summary>
    public string? PublicUrl { get; set; }

    public TrackerSettings Tracker { get; set; } = new();

    public WebhookSettings Webhook { get; set; } = new();

    /// <summary>The public address with no trailing slash, or null.</summary>
    public string? PublicOrigin => string.IsNullOrWhiteSpace(PublicUrl) ? null : PublicUrl.Trim().TrimEnd('/');
}

/// <summary>"Create issue" links for chosen actions. Section "HandOff:Tracker"; off while Kind is unset.</summary>
internal sealed class TrackerSettings
{
    /// <summary>GitHub, GitLab or Jira.</summary>
    public string? Kind { get; set; }

    /// <summary>GitHub: the repository (https://github.com/owner/repo); GitLab: the project; Jira: the site.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Jira only: the numeric id of the project new issues go to.</summary>
    public string? JiraProjectId { get; set; }

    /// <summary>Jira only: the numeric id of the issue type (e.g. Task).</summary>
    public string? JiraIssueTypeId { get; set; }

    /// <summary>Put the write-up's read link (with its key) in the issue body when the issue is made from the
    /// write-up page. Off by default: an issue in a public repository would publish the post-mortem. Otherwise the
    /// body links to the incident log's page, which needs the team credential.</summary>
    public bool IncludeReadKey { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Kind) || !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>The template these settings describe, or the sentence saying why there is none.</summary>
    public (TrackerTemplate? Template, string? Problem) ToTemplate()
    {
        if (!Enum.TryParse<TrackerKind>(Kind?.Trim(), ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(Kind, out _))
        {
            return (null, $"HandOff:Tracker:Kind must be GitHub, GitLab or Jira (is \"{Kind}\").");
        }

        if (!Uri.TryCreate(BaseUrl?.Trim(), UriKind.Absolute, out var baseUrl))
        {
            return (null, $"HandOff:Tracker:BaseUrl must be an absolute http(s) address (is \"{BaseUrl}\").");
        }

        var template = new TrackerTemplate(kind, baseUrl, JiraProjectId?.Trim(), JiraIssueTypeId?.Trim());
        return template.Problem() is { } problem
            ? (null, $"HandOff:Tracker is not usable: {problem} (BaseUrl \"{BaseUrl}\").")
            : (template, null);
    }
}

/// <summary>The outgoing webhook. Section "HandOff:Webhook"; off while Url is unset.</summary>
internal sealed class WebhookSettings
{
    /// <summary>Where events are POSTed (absolute http or https).</summary>
    public string? Url { get; set; }

    /// <summary>The HMAC-SHA256 key receivers verify the signature with; at least 16 characters.</summary>
    public string? Secret { get; set; }

    /// <summary>Attempts per event, the first included; after the last failure the event is given up and logged.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the second attempt; doubled before each next one, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long one attempt may take (connect, send, answer) before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the outbox is looked at for events another instance queued or a restart left.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);

    public const int MinimumSecretLength = 16;

    /// <summary>Wait after the <paramref name="attempts"/>-th failed attempt, or null when no attempt is left.</summary>
    public TimeSpan? BackoffAfter(int attempts)
    {
        if (attempts >= MaxAttempts)
        {
            return null;
        }

        var ticks = InitialBackoff.Ticks * Math.Pow(2, Math.Min(attempts - 1, 30));
        return ticks >= MaxBackoff.Ticks ? MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }
}

internal sealed class HandOffOptionsValidator : IValidateOptions<HandOffOptions>
{
    public ValidateOptionsResult Validate(string? name, HandOffOptions o)
    {
        var failures = new List<string>();
        if (o.PublicOrigin is { } origin && (!Uri.TryCreate(origin, UriKind.Absolute, out var publicUrl) || publicUrl.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(publicUrl.Query) || !string.IsNullOrEmpty(publicUrl.Fragment)))
        {
            failures.Add($"HandOff:PublicUrl must be an absolute http(s) address with no query, e.g. \"https://postmortem.example.com\" (is \"{o.PublicUrl}\").");
        }

        if (o.Tracker.IsConfigured && o.Tracker.ToTemplate().Problem is { } trackerProblem)
        {
            failures.Add(trackerProblem);
        }

        var w = o.Webhook;
        if (w.IsConfigured)
        {
            if (!Uri.TryCreate(w.Url!.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || string.IsNullOrEmpty(url.Host))
            {
                failures.Add($"HandOff:Webhook:Url must be an absolute http or https address, e.g. \"https://hooks.example.com/postmortem\" (is \"{w.Url}\").");
            }

            if (string.IsNullOrWhiteSpace(w.Secret) || w.Secret.Length < WebhookSettings.MinimumSecretLength)
            {
                // Never echo the secret itself.
                failures.Add($"HandOff:Webhook:Secret must be set, at least {WebhookSettings.MinimumSecretLength} characters, when HandOff:Webhook:Url is: receivers verify the signature with it.");
            }

            if (w.MaxAttempts is < 1 or > 100)
            {
                failures.Add($"HandOff:Webhook:MaxAttempts must be between 1 and 100 (is {w.MaxAttempts}).");
            }

            if (w.InitialBackoff <= TimeSpan.Zero || w.MaxBackoff < w.InitialBackoff)
            {
                failures.Add("HandOff:Webhook:InitialBackoff must be positive and HandOff:Webhook:MaxBackoff at least as long.");
            }

            if (w.AttemptTimeout <= TimeSpan.Zero || w.PollInterval <= TimeSpan.Zero)
            {
                failures.Add("HandOff:Webhook:AttemptTimeout and HandOff:Webhook:PollInterval must be positive.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
