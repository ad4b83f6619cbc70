namespace PostMortem.Server.Options;

/// <summary>Where the embedded server keeps its files (signing key, SQLite database). Section "Data".</summary>
internal sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>Relative paths are resolved against the content root; the folder is created at start-up.</summary>
    public string Folder { get; set; } = "data";
}

/// <summary>Browser-facing security settings. Section "Security".</summary>
internal sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Extra origins allowed to open the hub and call the API from a browser, e.g. "https://board.example.com"
    /// or "http://localhost:*" (any port). The server's own origin is always allowed.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Allow http://localhost:* and http://127.0.0.1:* (development servers such as Vite). Unset: only in
    /// the Development environment — in production any local page (another app on a user's machine) would
    /// otherwise be allowed to drive a board with the visitor's token.</summary>
    public bool? AllowLocalhostOrigins { get; set; }

    /// <summary>Proxies (IP addresses, or networks as "10.0.0.0/8") whose X-Forwarded-For/-Proto are believed.
    /// Empty: the headers are ignored, so nobody can pick their own address for the per-address limits.</summary>
    public List<string> ForwardedHeadersFrom { get; set; } = [];
}

/// <summary>Per-connection and per-request limits. Section "Limits".</summary>
internal sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest hub message accepted (bytes). Larger ones end the connection with message_too_large.
    /// The default fits a pasted pre-work timeline (Core's ImportTextLength characters) as one command.</summary>
    public int MaxMessageBytes { get; set; } = 128 * 1024;

    /// <summary>Largest HTTP request body (bytes).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Sustained Submit calls per second per participant (all their connections together); beyond the
    /// burst they are rejected with rate_limited. 20/s with a burst of 40 is far above a person typing and voting
    /// (the worked example's busiest minute is under 1/s per participant) and keeps one token from flooding a board.</summary>
    public double CommandsPerSecond { get; set; } = 20;

    public int CommandBurst { get; set; } = 40;

    /// <summary>Other hub calls (Join, Ping, CheckText) per second per participant, with their own burst.</summary>
    public double CallsPerSecond { get; set; } = 10;

    public int CallBurst { get; set; } = 30;

    /// <summary>Presence messages per second per participant; extra ones are dropped silently.</summary>
    public double PresencePerSecond { get; set; } = 20;

    /// <summary>Hub connections one participant may hold open on a board at once (tabs, a laptop and a phone);
    /// one more is refused with fatal too_many_connections.</summary>
    public int ConnectionsPerParticipant { get; set; } = 8;

    /// <summary>Messages queued for one connection before it counts as too slow and is disconnected
    /// (it reconnects with lastSeq and catches up).</summary>
    public int OutboundQueue { get; set; } = 4096;

    /// <summary>HTTP create/reclaim/sign-off/team-link requests per minute per client address (0 = no limit).</summary>
    public int HttpWritesPerMinute { get; set; } = 300;

    /// <summary>HTTP joins per minute per board and client address (0 = no limit): a whole office behind one NAT
    /// can join one meeting at once, while joins across boards from one address stay under HttpWritesPerMinute.</summary>
    public int JoinsPerMinutePerBoard { get; set; } = 600;

    /// <summary>Commands (hub Submit and HTTP writes) this instance holds between arrival and answer at once. One more is
    /// shed at once — an ack "unavailable" with a retry-after, nothing decided or stored — so an overloaded server answers
    /// quickly instead of letting a queue grow. The hub runs one call per connection at a time, so the default only
    /// bites when more than this many connections are waiting on storage or the replica together.</summary>
    public int SubmitsInFlight { get; set; } = 1024;

    /// <summary>The least a shed command's sender waits before sending it again; each answer adds up to half of it
    /// at random so shed clients do not all come back in the same instant.</summary>
    public TimeSpan ShedRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a Submit waits for the local replica to apply its entry before giving up on the ack
    /// (the outcome still arrives as an entry).</summary>
    public TimeSpan ApplyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Replica housekeeping. Section "Boards".</summary>
internal sealed class BoardOptions
{
    public const string Section = "Boards";

    /// <summary>A board with no connections for this long is dropped from memory (it reloads on next use).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Applied entries kept per board for reconnect catch-up; older gaps get a snapshot.</summary>
    public int RecentEntries { get; set; } = 2000;

    /// <summary>A snapshot is saved this long after the last entry (and at every phase change).</summary>
    public TimeSpan SnapshotDebounce { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Entries read per page when loading or filling a gap.</summary>
    public int ReadPageSize { get; set; } = 500;

    /// <summary>Presence (cursors) leaves in at most one batch per board per interval (Presence/PresenceMixer).</summary>
    public TimeSpan PresenceInterval { get; set; } = TimeSpan.FromMilliseconds(50);
}

/// <summary>Participant tokens. Section "Auth".</summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HMAC key shared by all instances (at least 32 characters). When absent, a key is generated
    /// once and kept in the data folder — fine for one instance, not for several.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a participant token is accepted after it was issued.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The team's key for the incident log (the team link carries it; at least 22 characters). When
    /// absent, one is generated once into the data folder and rotated with the team-link command.</summary>
    public string? TeamAccessKey { get; set; }

    /// <summary>How long a browser that opened the team link keeps access before opening it again.</summary>
    public TimeSpan TeamSessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Single sign-on for the team (section "Auth:Oidc"): when its Authority is set, team members can
    /// also sign in with the company's OpenID Connect provider instead of opening the team link.</summary>
    public OidcOptions Oidc { get; set; } = new();
}

/// <summary>OpenID Connect sign-in for the incident log. Section "Auth:Oidc".</summary>
internal sealed class OidcOptions
{
    /// <summary>The provider's issuer URL (its /.well-known/openid-configuration is read from there).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Refuse a provider reached over plain HTTP (turn off only for a provider on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
