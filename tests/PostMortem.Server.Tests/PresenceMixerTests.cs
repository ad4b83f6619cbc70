using PostMortem.Server.Tests.Infrastructure;
using PostMortem.Server.Presence;

namespace PostMortem.Server.Tests;

/// <summary>Presence coalescing (Presence/PresenceMixer.cs) on a manual clock: what leaves, when, and to whom.</summary>
public sealed class PresenceMixerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void FirstUpdateAfterAQuietIntervalLeavesAtOnce()
    {
        using var mixer = new Harness();
        mixer.Mixer.AddLocal(Cursor("alex", 1));

        var batch = Assert.Single(mixer.Sent);
        Assert.Equal(["alex:1"], Describe(batch.Updates));
        Assert.Equal(["alex:1"], Describe(Assert.Single(mixer.Published)));
    }

    [Fact]
    public void UpdatesInsideTheIntervalWaitAndTheLatestOfEachParticipantWins()
    {
        using var mixer = new Harness();
        mixer.Mixer.AddLocal(Cursor("alex", 1));
        mixer.Mixer.AddLocal(Cursor("alex", 2));
        mixer.Mixer.AddLocal(Cursor("blake", 7));
        mixer.Mixer.AddLocal(Cursor("alex", 3));
        Assert.Single(mixer.Sent); // only the leading one so far

        mixer.Clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Single(mixer.Sent);
        mixer.Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(2, mixer.Sent.Count);
        Assert.Equal(["alex:3", "blake:7"], Describe(mixer.Sent[1].Updates).Order());
        Assert.Equal(["alex:3", "blake:7"], Describe(mixer.Published[1]).Order());
    }

    [Fact]
    public void RelayedUpdatesAreSentHereButNeverPublishedAgain()
    {
        using var mixer = new Harness();
        mixer.Mixer.AddRemote([Cursor("casey", 5)]);

        Assert.Equal(["casey:5"], Describe(Assert.Single(mixer.Sent).Updates));
        Assert.Empty(mixer.Published);

        mixer.Mixer.AddRemote([Cursor("casey", 6)]);
        mixer.Mixer.AddLocal(Cursor("alex", 1));
        mixer.Clock.Advance(Interval);

        Assert.Equal(["alex:1", "casey:6"], Describe(mixer.Sent[1].Updates).Order());
        Assert.Equal(["alex:1"], Describe(Assert.Single(mixer.Published)));
    }

    [Fact]
    public void NothingPendingMeansNothingSentAndAQuietMixerLeadsAgain()
    {
        using var mixer = new Harness();
        mixer.Mixer.AddLocal(Cursor("alex", 1));
        mixer.Clock.Advance(Interval * 10);
        Assert.Single(mixer.Sent); // the timer was never armed: nothing was waiting

        mixer.Mixer.AddLocal(Cursor("alex", 2));
        Assert.Equal(2, mixer.Sent.Count); // quiet for longer than the interval: straight out
    }

    [Fact]
    public void DisposedMixerSendsNothing()
    {
        var mixer = new Harness();
        mixer.Mixer.AddLocal(Cursor("alex", 1));
        mixer.Mixer.AddLocal(Cursor("alex", 2));
        mixer.Dispose();
        mixer.Clock.Advance(Interval);
        mixer.Mixer.AddLocal(Cursor("alex", 3));

        Assert.Single(mixer.Sent);
    }

    private static PresenceUpdate Cursor(string participant, double x) => new(participant, "cursor", x, 0, null);

    private static IEnumerable<string> Describe(IReadOnlyList<PresenceUpdate> updates) => updates.Select(u => $"{u.ParticipantId}:{u.X}");

    private sealed class Harness : IDisposable
    {
        public Harness()
        {
            Mixer = new PresenceMixer(Clock, Interval, Sent.Add, Published.Add);
        }

        public ManualTimeProvider Clock { get; } = new();

        public List<PresenceBatch> Sent { get; } = [];

        public List<IReadOnlyList<PresenceUpdate>> Published { get; } = [];

        public PresenceMixer Mixer { get; }

        public void Dispose() => Mixer.Dispose();
    }
}
