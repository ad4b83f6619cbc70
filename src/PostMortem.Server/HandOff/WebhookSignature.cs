using System.Security.Cryptography;
using System.Text;

namespace PostMortem.Server.HandOff;

/// <summary>
/// The webhook's signature (docs/PROTOCOL.md, "Webhooks", R29): "sha256=" and the lower-case hex HMAC-SHA256, keyed
/// with the configured secret, of the timestamp header's value, a dot and the body's exact bytes.
/// </summary>
internal static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Sign(string secret, string timestamp, string body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, string timestamp, string body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}

/// <summary>The request headers of a delivery. Names are protocol: never rename one.</summary>
internal static class WebhookHeaders
{
    public const string Event = "X-PostMortem-Event";
    public const string Delivery = "X-PostMortem-Delivery";
    public const string Attempt = "X-PostMortem-Attempt";
    public const string Timestamp = "X-PostMortem-Timestamp";
    public const string Signature = "X-PostMortem-Signature";
}
