using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PostMortem.Server.Auth;

/// <summary>
/// Bearer secrets of a board (join code, facilitator secret, read key). Only their SHA-256 hashes are
/// stored (in the board state via CreateBoard.Secrets); the secrets go to the creator once.
/// </summary>
internal static class SecretCodes
{
    /// <summary>144 random bits: base64url without padding, 24 characters.</summary>
    private const int SecretBytes = 18;

    /// <summary>Longest secret a caller may present; anything longer is refused before hashing.</summary>
    public const int MaxPresentedLength = 256;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>
    /// The board's read key, derived one-way from its facilitator secret: whoever holds the facilitator secret can
    /// always get the read key back (only hashes are stored), while the read key reveals nothing of the secret.
    /// </summary>
    public static string ReadKeyFor(string facilitatorSecret) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(facilitatorSecret), "postmortem/read-key/v1"u8)[..SecretBytes]);

    /// <summary>
    /// The board's join code, derived one-way from its facilitator secret the same way: the facilitator link gives any
    /// browser the join link back to share (issue 13, fix 2); the join code reveals nothing of the secret.
    /// </summary>
    public static string JoinCodeFor(string facilitatorSecret) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(facilitatorSecret), "postmortem/join-code/v1"u8)[..SecretBytes]);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares the hash of <paramref name="presented"/> with <paramref name="storedHash"/> in constant time.</summary>
    public static bool Matches(string? presented, string storedHash)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > MaxPresentedLength || storedHash.Length != 64)
        {
            return false;
        }

        var presentedHash = Encoding.ASCII.GetBytes(Hash(presented));
        var stored = Encoding.ASCII.GetBytes(storedHash.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(presentedHash, stored);
    }

    /// <summary>Canonical id for boards and participants: 32 lower-case hex digits of a random GUID.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    public static bool IsCanonicalId(string? id) =>
        id is { Length: 32 } && Guid.TryParseExact(id, "N", out _) && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
