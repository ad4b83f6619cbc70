using PostMortem.Core.Protocol;
using PostMortem.Server.Presence;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>Presence coalescing (Presence/PresenceMixer.cs) on a manual clock: what leaves, when, and to whom.</summary>
public sealed class PresenceMixerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void FirstUpdateAfterAQuietIntervalLeavesAtOnce()
    {
        using var mixer = new Harness();
        mixer.Mixer.Add(Cursor("alex", 1));

        var batch = Assert.Single(mixer.Sent);
        Assert.Equal(["alex:1"], Describe(batch.Updates));
    }

    [Fact]
    public void UpdatesInsideTheIntervalWaitAndTheLatestOfEachParticipantWins()
    {
        using var mixer = new Harness();
        mixer.Mixer.Add(Cursor("alex", 1));
        mixer.Mixer.Add(Cursor("alex", 2));
        mixer.Mixer.Add(Cursor("blake", 7));
        mixer.Mixer.Add(Cursor("alex", 3));
        Assert.Single(mixer.Sent); // only the leading one so far

        mixer.Clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Single(mixer.Sent);
        mixer.Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(2, mixer.Sent.Count);
        Assert.Equal(["alex:3", "blake:7"], Describe(mixer.Sent[1].Updates).Order());
    }

    [Fact]
    public void NothingPendingMeansNothingSentAndAQuietMixerLeadsAgain()
    {
        using var mixer = new Harness();
        mixer.Mixer.Add(Cursor("alex", 1));
        mixer.Clock.Advance(Interval * 10);
        Assert.Single(mixer.Sent); // the timer was never armed: nothing was waiting

        mixer.Mixer.Add(Cursor("alex", 2));
        Assert.Equal(2, mixer.Sent.Count); // quiet for longer than the interval: straight out
    }

    [Fact]
    public void DisposedMixerSendsNothing()
    {
        var mixer = new Harness();
        mixer.Mixer.Add(Cursor("alex", 1));
        mixer.Mixer.Add(Cursor("alex", 2));
        mixer.Dispose();
        mixer.Clock.Advance(Interval);
        mixer.Mixer.Add(Cursor("alex", 3));

        Assert.Single(mixer.Sent);
    }

    private static PresenceUpdate Cursor(string participant, double x) => new(participant, "cursor", x, 0, null);

    private static IEnumerable<string> Describe(IReadOnlyList<PresenceUpdate> updates) => updates.Select(u => $"{u.ParticipantId}:{u.X}");

    private sealed class Harness : IDisposable
    {
        public Harness()
        {
            Mixer = new PresenceMixer(Clock, Interval, Sent.Add);
        }

        public ManualTimeProvider Clock { get; } = new();

        public List<PresenceBatch> Sent { get; } = [];

        public PresenceMixer Mixer { get; }

        public void Dispose() => Mixer.Dispose();
    }
}
