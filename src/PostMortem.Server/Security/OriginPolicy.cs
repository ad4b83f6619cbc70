using Microsoft.Extensions.Options;
using PostMortem.Server.Options;

namespace PostMortem.Server.Security;

/// <summary>An allowed browser origin: scheme, host and a port or any port ("*").</summary>
internal sealed record OriginPattern(string Scheme, string Host, int? Port)
{
    public static bool TryParse(string text, out OriginPattern pattern)
    {
        pattern = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var anyPort = text.EndsWith(":*", StringComparison.Ordinal);
        var candidate = anyPort ? text[..^2] : text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.PathAndQuery != "/" || candidate.EndsWith('/')
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return false;
        }

        pattern = new OriginPattern(uri.Scheme, uri.IdnHost, anyPort ? null : uri.Port);
        return true;
    }

    public bool Matches(Uri origin) =>
        string.Equals(origin.Scheme, Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(origin.IdnHost, Host, StringComparison.OrdinalIgnoreCase)
        && (Port is null || origin.Port == Port);
}

/// <summary>
/// Which browser origins may open the hub or call the API's unsafe methods. Browsers always send Origin
/// on WebSocket upgrades, so this stops another site's page from driving a board with a visitor's token
/// (cross-site WebSocket hijacking). Requests without an Origin (Node, curl) are not browsers and pass.
/// </summary>
internal sealed class OriginPolicy
{
    private readonly List<OriginPattern> _patterns = [];

    public OriginPolicy(IOptions<SecurityOptions> options, IHostEnvironment environment)
    {
        foreach (var text in options.Value.AllowedOrigins)
        {
            if (OriginPattern.TryParse(text, out var pattern))
            {
                _patterns.Add(pattern);
            }
        }

        if (options.Value.AllowLocalhostOrigins ?? environment.IsDevelopment())
        {
            _patterns.Add(new OriginPattern("http", "localhost", null));
            _patterns.Add(new OriginPattern("http", "127.0.0.1", null));
        }
    }

    public bool IsAllowed(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false; // includes the literal "null" origin of sandboxed frames and file: pages
        }

        // Same origin by authority: a TLS-terminating proxy forwards Host but speaks http to us.
        if (request.Host.HasValue && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return _patterns.Exists(p => p.Matches(uri));
    }
}
