using Microsoft.Extensions.Options;
using PostMortem.Server.Security;

namespace PostMortem.Server.Options;

internal sealed class DataOptionsValidator : IValidateOptions<DataOptions>
{
    public ValidateOptionsResult Validate(string? name, DataOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Folder))
        {
            return ValidateOptionsResult.Fail("Data:Folder must name a folder (default \"data\" under the content root).");
        }

        try
        {
            Directory.CreateDirectory(options.Folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return ValidateOptionsResult.Fail($"Data:Folder \"{options.Folder}\" cannot be created: {ex.Message}");
        }

        return ValidateOptionsResult.Success;
    }
}

internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        foreach (var origin in options.AllowedOrigins)
        {
            if (!OriginPattern.TryParse(origin, out _))
            {
                failures.Add($"Security:AllowedOrigins entry \"{origin}\" is not an origin: use scheme://host or scheme://host:port " +
                    "(port may be *), with no path, e.g. \"https://board.example.com\" or \"http://localhost:*\".");
            }
        }

        foreach (var proxy in options.ForwardedHeadersFrom)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _) && !System.Net.IPNetwork.TryParse(proxy, out _))
            {
                failures.Add($"Security:ForwardedHeadersFrom entry \"{proxy}\" is not an IP address or network (e.g. \"172.28.0.10\" or \"10.0.0.0/8\").");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions o)
    {
        var failures = new List<string>();
        if (o.MaxMessageBytes is < 4 * 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"Limits:MaxMessageBytes must be between 4096 and 16777216 (is {o.MaxMessageBytes}).");
        }

        if (o.MaxRequestBodyBytes is < 4 * 1024 or > 64 * 1024 * 1024)
        {
            failures.Add($"Limits:MaxRequestBodyBytes must be between 4096 and 67108864 (is {o.MaxRequestBodyBytes}).");
        }

        Positive(failures, "Limits:CommandsPerSecond", o.CommandsPerSecond);
        Positive(failures, "Limits:CallsPerSecond", o.CallsPerSecond);
        Positive(failures, "Limits:PresencePerSecond", o.PresencePerSecond);
        if (o.CommandBurst < 1 || o.CallBurst < 1)
        {
            failures.Add("Limits:CommandBurst and Limits:CallBurst must be at least 1.");
        }

        if (o.OutboundQueue < 16)
        {
            failures.Add($"Limits:OutboundQueue must be at least 16 (is {o.OutboundQueue}).");
        }

        if (o.HttpWritesPerMinute < 0)
        {
            failures.Add("Limits:HttpWritesPerMinute must be 0 (no limit) or more.");
        }

        if (o.ConnectionsPerParticipant < 1)
        {
            failures.Add("Limits:ConnectionsPerParticipant must be at least 1.");
        }

        if (o.JoinsPerMinutePerBoard < 0)
        {
            failures.Add("Limits:JoinsPerMinutePerBoard must be 0 (no limit) or more.");
        }

        if (o.ApplyTimeout <= TimeSpan.Zero)
        {
            failures.Add("Limits:ApplyTimeout must be positive.");
        }

        if (o.SubmitsInFlight < 1)
        {
            failures.Add($"Limits:SubmitsInFlight must be at least 1 (is {o.SubmitsInFlight}).");
        }

        if (o.ShedRetryAfter < TimeSpan.FromMilliseconds(10) || o.ShedRetryAfter > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Limits:ShedRetryAfter must be between 00:00:00.010 and 00:01:00 (is {o.ShedRetryAfter}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            failures.Add($"{key} must be a positive number (is {value}).");
        }
    }
}

internal sealed class BoardOptionsValidator : IValidateOptions<BoardOptions>
{
    public ValidateOptionsResult Validate(string? name, BoardOptions o)
    {
        var failures = new List<string>();
        if (o.IdleTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add("Boards:IdleTimeout must be at least one second.");
        }

        if (o.RecentEntries is < 16 or > 1_000_000)
        {
            failures.Add($"Boards:RecentEntries must be between 16 and 1000000 (is {o.RecentEntries}).");
        }

        if (o.SnapshotDebounce < TimeSpan.Zero)
        {
            failures.Add("Boards:SnapshotDebounce must not be negative.");
        }

        if (o.ReadPageSize is < 1 or > 100_000)
        {
            failures.Add($"Boards:ReadPageSize must be between 1 and 100000 (is {o.ReadPageSize}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public const int MinimumKeyLength = 32;
    public const int MinimumTeamKeyLength = 22;

    public ValidateOptionsResult Validate(string? name, AuthOptions o)
    {
        var failures = new List<string>();
        if (o.SigningKey is { } key && !string.IsNullOrWhiteSpace(key) && key.Length < MinimumKeyLength)
        {
            // Never echo the key itself.
            failures.Add($"Auth:SigningKey must be at least {MinimumKeyLength} characters (is {key.Length}); " +
                "leave it unset to have one generated in the data folder.");
        }

        if (o.TokenLifetime < TimeSpan.FromMinutes(1))
        {
            failures.Add("Auth:TokenLifetime must be at least one minute.");
        }

        // The key sits in a URL path: URL-safe characters only, and as hard to guess as a generated one (128 bits).
        if (o.TeamAccessKey is { } team && !string.IsNullOrWhiteSpace(team)
            && (team.Trim().Length < MinimumTeamKeyLength || !team.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            failures.Add($"Auth:TeamAccessKey must be at least {MinimumTeamKeyLength} characters of A-Z, a-z, 0-9, '-' and '_'; " +
                "leave it unset to have one generated in the data folder.");
        }

        if (o.Oidc.IsConfigured && (string.IsNullOrWhiteSpace(o.Oidc.ClientId) || !Uri.TryCreate(o.Oidc.Authority, UriKind.Absolute, out _)))
        {
            failures.Add("Auth:Oidc:Authority must be an absolute URL and Auth:Oidc:ClientId must be set (or leave Auth:Oidc:Authority unset for the team link only).");
        }

        if (o.TeamSessionLifetime < TimeSpan.FromMinutes(1))
        {
            failures.Add("Auth:TeamSessionLifetime must be at least one minute.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
