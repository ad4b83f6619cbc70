using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PostMortem.Server.Options;

namespace PostMortem.Server.Boards;

/// <summary>
/// Rate limits and open connections counted per participant (board + participant id), not per socket: ten
/// connections with one token share one command rate, so opening more sockets buys nothing.
/// </summary>
internal sealed class ParticipantAllowances(IOptions<LimitsOptions> limits, TimeProvider clock)
{
    /// <summary>An allowance nobody has used for this long is forgotten (the participant starts afresh).</summary>
    private static readonly TimeSpan s_forgetAfter = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<(string BoardId, string ParticipantId), ParticipantAllowance> _allowances = new();
    private int _opened;

    public int Count => _allowances.Count;

    /// <summary>The participant's allowance with one more connection counted, or null when that would be one
    /// connection too many (the caller refuses the connection).</summary>
    public ParticipantAllowance? Open(string boardId, string participantId)
    {
        if (Interlocked.Increment(ref _opened) % 256 == 0)
        {
            Sweep();
        }

        var options = limits.Value;
        while (true)
        {
            var allowance = _allowances.GetOrAdd((boardId, participantId), _ => new ParticipantAllowance(options, clock));
            lock (allowance)
            {
                if (allowance.Forgotten)
                {
                    continue; // swept between GetOrAdd and the lock: take a fresh one
                }

                if (allowance.Connections >= options.ConnectionsPerParticipant)
                {
                    return null;
                }

                allowance.Connections++;
                return allowance;
            }
        }
    }

    public void Close(ParticipantAllowance allowance)
    {
        lock (allowance)
        {
            allowance.Connections--;
            allowance.LastClosed = clock.GetTimestamp();
        }
    }

    private void Sweep()
    {
        foreach (var (key, allowance) in _allowances)
        {
            lock (allowance)
            {
                if (allowance.Connections == 0 && clock.GetElapsedTime(allowance.LastClosed) > s_forgetAfter)
                {
                    allowance.Forgotten = true;
                    _allowances.TryRemove(key, out _);
                }
            }
        }
    }
}

/// <summary>One participant's buckets (shared by all their connections) and how many connections they have open.</summary>
internal sealed class ParticipantAllowance(LimitsOptions limits, TimeProvider clock)
{
    public TokenBucket Commands { get; } = new(limits.CommandsPerSecond, limits.CommandBurst, clock);

    public TokenBucket Calls { get; } = new(limits.CallsPerSecond, limits.CallBurst, clock);

    public TokenBucket Presence { get; } = new(limits.PresencePerSecond, Math.Max(1, (int)Math.Ceiling(limits.PresencePerSecond)), clock);

    public int Connections { get; set; }

    public long LastClosed { get; set; } = clock.GetTimestamp();

    public bool Forgotten { get; set; }
}
