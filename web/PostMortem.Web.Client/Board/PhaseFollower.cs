using PostMortem.Core.Model;

namespace PostMortem.Web.Client.Board;

/// <summary>
/// Which phase this person looks at (issue fix 1). By default they follow the facilitator: looking at another phase is
/// allowed, and when the meeting moves on (Core's <c>Affordances.LookAt</c> changes) they are brought along. With
/// following turned off they stay where they are until they come back themselves.
/// </summary>
public sealed class PhaseFollower
{
    private Phase? _viewing;
    private Phase _meeting;

    public PhaseFollower(Phase meeting) => _meeting = meeting;

    public bool Follow { get; set; } = true;

    /// <summary>The phase on screen.</summary>
    public Phase Shown => _viewing ?? _meeting;

    /// <summary>Looking at a phase other than the meeting's.</summary>
    public bool Away => _viewing is { } v && v != _meeting;

    public void View(Phase phase) => _viewing = phase == _meeting ? null : phase;

    public void Return() => _viewing = null;

    /// <summary>The view's LookAt, after every change: the meeting moved when it differs from the last one seen.</summary>
    public void MeetingAt(Phase lookAt)
    {
        if (lookAt == _meeting)
        {
            return;
        }

        var was = _meeting;
        _meeting = lookAt;
        if (Follow || _viewing == lookAt)
        {
            _viewing = null;
        }
        else
        {
            // Not following: stay on the phase that was on screen.
            _viewing ??= was;
        }
    }
}
