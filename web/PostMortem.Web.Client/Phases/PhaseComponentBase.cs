using Microsoft.AspNetCore.Components;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Web.Client.Board;

namespace PostMortem.Web.Client.Phases;

/// <summary>
/// What every phase component reads: the session cascaded by the board page, the view Core computed for this viewer,
/// and its affordances. Components offer a control only when <see cref="Can"/> says so; they never work a rule out.
/// </summary>
public abstract class PhaseComponentBase : ComponentBase, IDisposable
{
    private IBoardSession? _subscribed;

    [CascadingParameter] public IBoardSession Session { get; set; } = default!;

    /// <summary>
    /// Re-render on every change of the session. The page cascades the session as fixed, so a component whose
    /// parameters do not change (a phase screen) follows the board itself; a card re-renders with its parent.
    /// </summary>
    protected virtual bool FollowsSession => false;

    protected override void OnInitialized()
    {
        if (FollowsSession)
        {
            _subscribed = Session;
            _subscribed.Changed += OnSessionChanged;
        }
    }

    private void OnSessionChanged() => _ = InvokeAsync(() =>
    {
        OnBoardChanged();
        StateHasChanged();
    });

    /// <summary>Called on the render thread when the session changed, before re-rendering (with <see cref="FollowsSession"/>).</summary>
    protected virtual void OnBoardChanged()
    {
    }

    public void Dispose()
    {
        if (_subscribed is not null)
        {
            _subscribed.Changed -= OnSessionChanged;
            _subscribed = null;
        }

        GC.SuppressFinalize(this);
    }

    protected BoardView View => Session.View ?? throw new InvalidOperationException("The board is not joined yet.");

    protected Affordances Can => View.Affordances;

    protected void Submit(BoardCommand command) => Session.Submit(command);

    /// <summary>An id for something this viewer creates, chosen here so later commands can name it before the answer arrives.</summary>
    protected static string NewId() => Guid.NewGuid().ToString("N");

    protected string NameOf(string participantId) =>
        View.Participants.FirstOrDefault(p => p.Id == participantId)?.Name ?? "someone";

    /// <summary>
    /// Why this viewer cannot write in <paramref name="phase"/>, in words, from the affordances (fix 3: a locked phase
    /// says so where people would type); null when nothing stands in the way that words could explain.
    /// </summary>
    protected string? ClosedReason(Phase phase) => Can.ClosedReason(phase);
}
