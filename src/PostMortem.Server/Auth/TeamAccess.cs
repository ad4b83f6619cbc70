using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Options;

namespace PostMortem.Server.Auth;

/// <summary>
/// The team's credential for the incident log (docs/PROTOCOL.md, "Team access"): a 128-bit team key, shown to the
/// team as a link (<c>/access/{key}</c>). Opening the link sets a session cookie that is an HMAC under the current
/// key, so rotating the key ends every session at once. The key is <c>Auth:TeamAccessKey</c> when configured (all
/// instances of a deployment share it), otherwise generated once into the data folder like the signing key.
/// </summary>
internal sealed class TeamAccess
{
    public const string FileName = "team-access-key";
    public const string CookieName = "pm_team";
    public const string LinkPath = "/access";
    private const string SessionLabel = "pm-team-session|";

    private readonly string? _configured;
    private readonly string _path;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private (DateTime WrittenAt, byte[] Key) _cached;

    public TeamAccess(IOptions<AuthOptions> auth, IOptions<DataOptions> data, TimeProvider clock, ILogger<TeamAccess> logger)
    {
        _configured = string.IsNullOrWhiteSpace(auth.Value.TeamAccessKey) ? null : auth.Value.TeamAccessKey.Trim();
        _path = Path.Combine(data.Value.Folder, FileName);
        _clock = clock;
        _lifetime = auth.Value.TeamSessionLifetime;
        _logger = logger;
    }

    /// <summary>True when the key comes from configuration: rotating it is a configuration change then.</summary>
    public bool IsConfigured => _configured is not null;

    public TimeSpan SessionLifetime => _lifetime;

    /// <summary>The key in the form the link carries.</summary>
    public string Key => _configured ?? Base64Url.EncodeToString(CurrentFileKey());

    public string LinkFor(string baseUrl) => baseUrl.TrimEnd('/') + LinkPath + "/" + Key;

    public bool Matches(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 200)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
    }

    /// <summary>A session cookie value: its issue time and an HMAC of it under the current key.</summary>
    public string IssueSession()
    {
        var issued = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return issued + "." + Base64Url.EncodeToString(Mac(issued));
    }

    public bool IsValidSession(string? cookie)
    {
        var dot = cookie?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (cookie is null || cookie.Length > 200 || dot <= 0)
        {
            return false;
        }

        var issued = cookie[..dot];
        if (!long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds())) + _lifetime < _clock.GetUtcNow())
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[64];
        return Base64Url.TryDecodeFromChars(cookie.AsSpan(dot + 1), presented, out var length)
            && length == 32
            && CryptographicOperations.FixedTimeEquals(presented[..length], Mac(issued));
    }

    /// <summary>Replaces the generated key: the old link and every session made with it stop working.</summary>
    public string Rotate()
    {
        if (IsConfigured)
        {
            throw new InvalidOperationException("The team access key is configured (Auth:TeamAccessKey): change it there to rotate it.");
        }

        lock (_gate)
        {
            var key = RandomNumberGenerator.GetBytes(16);
            // Written beside and moved over, so another instance on this folder never reads half a key.
            var temporary = _path + ".new";
            File.WriteAllText(temporary, Base64Url.EncodeToString(key));
            RestrictToOwner(temporary);
            File.Move(temporary, _path, overwrite: true);
            _cached = (File.GetLastWriteTimeUtc(_path), key);
            ServerLog.TeamAccessRotated(_logger, _path);
            return Base64Url.EncodeToString(key);
        }
    }

    /// <summary>Makes the key file if it is missing (at start-up, so the link can be printed before anyone asks).</summary>
    public void EnsureCreated()
    {
        if (!IsConfigured)
        {
            _ = CurrentFileKey();
        }
    }

    private byte[] Mac(string issued) =>
        HMACSHA256.HashData(_configured is null ? CurrentFileKey() : Encoding.UTF8.GetBytes(_configured), Encoding.UTF8.GetBytes(SessionLabel + issued));

    /// <summary>The file's key, re-read when the file changes (another instance on the same folder rotated it).</summary>
    private byte[] CurrentFileKey()
    {
        lock (_gate)
        {
            var writtenAt = File.Exists(_path) ? File.GetLastWriteTimeUtc(_path) : default;
            if (_cached.Key is not null && writtenAt == _cached.WrittenAt)
            {
                return _cached.Key;
            }

            if (writtenAt == default)
            {
                try
                {
                    // CreateNew: two instances starting on one data folder must not overwrite each other's key.
                    var key = RandomNumberGenerator.GetBytes(16);
                    using (var stream = new FileStream(_path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                    {
                        RestrictToOwner(_path);
                        stream.Write(Encoding.ASCII.GetBytes(Base64Url.EncodeToString(key)));
                    }

                    ServerLog.TeamAccessGenerated(_logger, _path);
                }
                catch (IOException) when (File.Exists(_path))
                {
                    // Another instance won the race; read its key below.
                }
            }

            var text = File.ReadAllText(_path).Trim();
            var bytes = Base64Url.DecodeFromChars(text);
            if (bytes.Length < 16)
            {
                throw new InvalidOperationException($"The team access key file {_path} is damaged; delete it to generate a new one (the old team link stops working).");
            }

            _cached = (File.GetLastWriteTimeUtc(_path), bytes);
            return bytes;
        }
    }

    private static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
