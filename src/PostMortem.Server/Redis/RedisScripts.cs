namespace PostMortem.Server.Redis;

/// <summary>
/// The Lua scripts behind the board log: each board operation is one script, so Redis runs it whole and
/// alone. Needs Redis 6.2 or later (XTRIM MINID).
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// Appends one entry atomically: next seq, server time, store, publish. Redis runs a script to the
    /// end before serving any other client, so the channel carries entries in sequence order and no
    /// seq is assigned without its entry being stored.
    /// <para>Time is Redis's own clock (TIME), not the calling instance's: every instance appends
    /// through one clock, so <c>At</c> never runs backwards between entries written by different
    /// instances with skewed clocks. It is also clamped to the board's previous <c>At</c> (a Redis
    /// clock step, a failover) so it is non-decreasing in seq.</para>
    /// <para>The caller serialises the entry with CoreJson and passes the JSON around the two fields
    /// only the script knows (seq, at); the stored and published text is a CoreJson entry.
    /// XADD is the first write: if it fails (a stream whose ids are ahead of the meta hash) nothing
    /// has changed, because Redis does not roll back the writes a failing script already made.</para>
    /// <para>Idempotent per (actor, clientOpId): a call that timed out on the client may still run on Redis
    /// later, so the caller's retry of the same op must not append it a second time. The ops sorted set maps
    /// each of the board's last <see cref="OpsWindow"/> entries' op to its seq; a retry found there gets the
    /// stored entry back and nothing is written or published.</para>
    /// <para>Fenced by what the caller has seen: ARGV[6] is the highest seq the calling instance has delivered for the
    /// board. A log whose head is below it lost acknowledged entries (Redis restarted from an AOF without its last
    /// second, or failed over to a lagging replica); appending there would give a new entry a number the caller
    /// already applied to another one, so nothing is written and the caller repairs the log first
    /// (<see cref="Restore"/>, docs/SCALE-OUT.md "When Redis loses acknowledged writes"). For the same reason nothing is
    /// appended while a write-back's hold lasts (the meta hash's <c>hold</c>, unix ms), unless ARGV[7] is "1" (an
    /// instance offering lost entries again is part of the repair).</para>
    /// KEYS[1] meta hash, KEYS[2] log stream, KEYS[3] ops sorted set; ARGV[1] channel, ARGV[2] JSON up to the
    /// seq value, ARGV[3] JSON after the at value, ARGV[4] op key, ARGV[5] window, ARGV[6] fence, ARGV[7] "1" to ignore a
    /// hold. Returns { seq, unix ms } for a new entry, { seq, -1, stored entry JSON } for a retry of a stored one,
    /// { -1, head } when the log is behind the fence or held.
    /// </summary>
    public const string Append = """
        local done = redis.call('ZSCORE', KEYS[3], ARGV[4])
        if done then
          local id = string.format('%d', tonumber(done)) .. '-0'
          local found = redis.call('XRANGE', KEYS[2], id, id)
          if #found == 1 then return { tonumber(done), -1, found[1][2][2] } end
        end
        local head = tonumber(redis.call('HGET', KEYS[1], 'seq')) or 0
        if head < tonumber(ARGV[6]) then return { -1, head } end
        local seq = head + 1
        local now = redis.call('TIME')
        local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        if ARGV[7] ~= '1' then
          local hold = tonumber(redis.call('HGET', KEYS[1], 'hold'))
          if hold and ms < hold then return { -1, head } end
        end
        local last = tonumber(redis.call('HGET', KEYS[1], 'at'))
        if last and last > ms then ms = last end
        -- ISO 8601 UTC from unix ms (days-to-civil, proleptic Gregorian; Redis Lua has no os.date)
        local days = math.floor(ms / 86400000)
        local rest = ms - days * 86400000
        local z = days + 719468
        local era = math.floor(z / 146097)
        local doe = z - era * 146097
        local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
        local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
        local mp = math.floor((5 * doy + 2) / 153)
        local day = doy - math.floor((153 * mp + 2) / 5) + 1
        local month = mp < 10 and mp + 3 or mp - 9
        local year = yoe + era * 400
        if month <= 2 then year = year + 1 end
        local at = string.format('%04d-%02d-%02dT%02d:%02d:%02d.%03dZ', year, month, day,
          math.floor(rest / 3600000), math.floor(rest / 60000) % 60, math.floor(rest / 1000) % 60, rest % 1000)
        local seqText = string.format('%d', seq)
        local body = ARGV[2] .. seqText .. ',"at":"' .. at .. '"' .. ARGV[3]
        redis.call('XADD', KEYS[2], seqText .. '-0', 'e', body)
        redis.call('HSET', KEYS[1], 'seq', seqText, 'at', string.format('%d', ms))
        redis.call('ZADD', KEYS[3], seq, ARGV[4])
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. string.format('%d', seq - tonumber(ARGV[5]) + 1))
        redis.call('PUBLISH', ARGV[1], body)
        return { seq, ms }
        """;

    /// <summary>
    /// Writes entries back under their original sequence numbers after Redis lost them: first writer wins, and a
    /// second writer of the same entries changes nothing. For each entry in seq order: at or below the log's head it
    /// must be the very entry the log holds there (byte for byte; an entry trimmed away counts as held); at head + 1
    /// it is stored, its op recorded and it is published, exactly as the append did the first time (its original
    /// time included); beyond head + 1 nothing more can be written (the log lacks the entries between).
    /// Atomic like every script: no append can slip between the check and the write.
    /// <para>A write-back that wrote anything holds new appends for ARGV[3] ms from now (<see cref="Append"/>): another
    /// instance may hold lost entries beyond these, and an append now would take their numbers. Every instance that
    /// tries to append meanwhile is refused and looks at the log itself (and writes back what it holds).</para>
    /// <para>KEYS as <see cref="Append"/>; ARGV[1] channel, ARGV[2] window, ARGV[3] hold (ms), then four values per
    /// entry: seq, at (unix ms), op key, stored JSON. Returns { status, seq, head, written }: status 0 every entry is in the log now; 1 the log
    /// holds another entry at seq (this writer lost); 2 the log ends before seq - 1.</para>
    /// </summary>
    public const string Restore = """
        local head = tonumber(redis.call('HGET', KEYS[1], 'seq')) or 0
        local window = tonumber(ARGV[2])
        local written = 0
        for i = 4, #ARGV, 4 do
          local seq = tonumber(ARGV[i])
          if seq <= head then
            local id = ARGV[i] .. '-0'
            local found = redis.call('XRANGE', KEYS[2], id, id)
            if #found == 1 and found[1][2][2] ~= ARGV[i + 3] then return { 1, seq, head, written } end
          elseif seq == head + 1 then
            redis.call('XADD', KEYS[2], ARGV[i] .. '-0', 'e', ARGV[i + 3])
            local ms = tonumber(ARGV[i + 1])
            local last = tonumber(redis.call('HGET', KEYS[1], 'at'))
            if last and last > ms then ms = last end
            redis.call('HSET', KEYS[1], 'seq', ARGV[i], 'at', string.format('%d', ms))
            redis.call('ZADD', KEYS[3], seq, ARGV[i + 2])
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. string.format('%d', seq - window + 1))
            redis.call('PUBLISH', ARGV[1], ARGV[i + 3])
            head = seq
            written = written + 1
          else
            return { 2, seq, head, written }
          end
        end
        if written > 0 then
          local now = redis.call('TIME')
          local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
          redis.call('HSET', KEYS[1], 'hold', string.format('%d', ms + tonumber(ARGV[3])))
        end
        return { 0, 0, head, written }
        """;

    /// <summary>Entries with seq &gt;= ARGV[1], at most ARGV[2]: KEYS[1] log stream. Returns entry JSON texts.</summary>
    public const string Read = """
        local found = redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[2])
        local out = {}
        for i = 1, #found do out[i] = found[i][2][2] end
        return out
        """;

    /// <summary>
    /// Drops entries with seq &lt; ARGV[1] (KEYS[1] log stream) and their ops (KEYS[2], scores below ARGV[2]);
    /// the seq counter lives in the meta hash and is kept.
    /// </summary>
    public const string Trim = """
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[2])
        return redis.call('XTRIM', KEYS[1], 'MINID', ARGV[1])
        """;

    /// <summary>How many of a board's latest entries a retried append is recognised against.</summary>
    public const int OpsWindow = 1024;

    /// <summary>The ops member of one (actor, clientOpId): length-prefixed, so no two pairs share a key.</summary>
    public static string OpKey(string actorId, string clientOpId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{actorId.Length}:{actorId}{clientOpId}");
}
