using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PostMortem.Server.Hubs;
using PostMortem.Server.Options;

namespace PostMortem.Server.Auth;

/// <summary>What a valid token says. The role is NOT in it: it is read from the board state on every call.
/// <paramref name="KnownAtSeq"/> is the board's sequence number when the token was issued (the participant's join
/// is at or below it): an instance whose replica is behind it waits before judging the participant (R17).</summary>
internal sealed record TokenClaims(string BoardId, string ParticipantId, DateTimeOffset IssuedAt, string Kind, long KnownAtSeq = 0);

/// <summary>
/// Participant tokens: base64url(payload JSON) "." base64url(HMAC-SHA256(key, first part)). The payload binds
/// board id, participant id, issue time and kind. Stateless, so any instance with the key verifies it.
/// </summary>
internal sealed class ParticipantTokens(SigningKey key, IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string ParticipantKind = "participant";
    private const int FormatVersion = 1;
    private const int MaxTokenLength = 1024;

    public string Issue(string boardId, string participantId, long knownAtSeq = 0)
    {
        var payload = new TokenPayload(FormatVersion, boardId, participantId, clock.GetUtcNow().ToUnixTimeSeconds(), ParticipantKind, knownAtSeq > 0 ? knownAtSeq : null);
        var body = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload, ServerJsonContext.Default.TokenPayload));
        return body + "." + Base64Url.EncodeToString(Sign(body));
    }

    /// <summary>The claims of a genuine, unexpired token; null for anything else (no reason is given to callers).</summary>
    public TokenClaims? Verify(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
        {
            return null;
        }

        var body = token[..dot];
        byte[] signature;
        byte[] payloadBytes;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            payloadBytes = Base64Url.DecodeFromChars(body);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(body)))
        {
            return null;
        }

        TokenPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(payloadBytes, ServerJsonContext.Default.TokenPayload);
        }
        catch (JsonException)
        {
            return null;
        }

        if (payload is not { V: FormatVersion, B: { } boardId, P: { } participantId, K: ParticipantKind })
        {
            return null;
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(payload.Iat, 0, 253402300799));
        var now = clock.GetUtcNow();
        if (issuedAt > now.AddMinutes(5) || now - issuedAt > options.Value.TokenLifetime)
        {
            return null;
        }

        return new TokenClaims(boardId, participantId, issuedAt, payload.K, Math.Max(0, payload.S ?? 0));
    }

    /// <summary>
    /// Whether claims that <see cref="Verify"/> accepted earlier have outlived the token's lifetime since. A hub
    /// connection verifies its token (signature included) once when it connects and then only this, on each call:
    /// the signature cannot change while the connection lives, the clock can.
    /// </summary>
    public bool HasExpired(TokenClaims claims) => clock.GetUtcNow() - claims.IssuedAt > options.Value.TokenLifetime;

    private byte[] Sign(string body) => HMACSHA256.HashData(key.Bytes, Encoding.ASCII.GetBytes(body));
}

/// <summary>Token payload; short names because it travels in every hub URL. S (the board's seq at issue) is
/// optional, so tokens issued before it existed stay valid.</summary>
internal sealed record TokenPayload(int V, string? B, string? P, long Iat, string? K, long? S = null);
