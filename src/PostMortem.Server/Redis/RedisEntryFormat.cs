using PostMortem.Core;
using PostMortem.Core.Log;

namespace PostMortem.Server.Redis;

/// <summary>
/// Splits a CoreJson entry around the two values the append script assigns (seq and at), so what
/// Redis stores and publishes is <see cref="CoreJson.SerializeEntry"/>'s text with those two filled
/// in (at as ISO 8601 UTC with milliseconds, "…T12:34:56.789Z"), and readers use
/// <see cref="CoreJson.DeserializeEntry"/> unchanged.
/// </summary>
internal static class RedisEntryFormat
{
    /// <summary>JSON before the seq value; the script appends seq, then <c>,"at":"…"</c>, then <see cref="TailOf"/>.</summary>
    public static readonly string Head = $"{{\"v\":{CoreJson.FormatVersion},\"seq\":";

    private static readonly string s_placeholderHead = Head + "0,\"at\":\"1970-01-01T00:00:00+00:00\"";

    /// <summary>The entry's JSON after its <c>at</c> value: actor, op, command and the closing brace.</summary>
    public static string TailOf(PendingEntry pending)
    {
        var json = CoreJson.SerializeEntry(new LogEntry(0, DateTimeOffset.UnixEpoch, pending.ActorId, pending.ClientOpId, pending.Command));
        if (!json.StartsWith(s_placeholderHead, StringComparison.Ordinal))
        {
            // CoreJson's entry layout changed (field order or names): the splice would store a wrong entry.
            throw new InvalidOperationException("CoreJson entry format no longer starts with v, seq, at; update RedisEntryFormat.");
        }

        return json[s_placeholderHead.Length..];
    }

    /// <summary>The seq of a stored entry's text, read from its start (every stored text begins with <see cref="Head"/>).</summary>
    public static long SeqOf(string text)
    {
        if (text.StartsWith(Head, StringComparison.Ordinal))
        {
            long seq = 0;
            for (var i = Head.Length; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                seq = seq * 10 + (text[i] - '0');
            }

            return seq;
        }

        return CoreJson.DeserializeEntry(text).Seq;
    }
}
