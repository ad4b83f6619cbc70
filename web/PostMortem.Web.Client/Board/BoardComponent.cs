using Microsoft.AspNetCore.Components;

namespace PostMortem.Web.Client.Board;

/// <summary>
/// A component under the board page: it reads the cascaded <see cref="IBoardSession"/> and re-renders when the session
/// changes. The session is cascaded as fixed (so the page does not re-render every component on every change) and its
/// events arrive off the render thread, hence the subscription here and the hop through <c>InvokeAsync</c>.
/// </summary>
public abstract class BoardComponent : ComponentBase, IDisposable
{
    private IBoardSession? _subscribed;

    [CascadingParameter]
    public IBoardSession Session { get; set; } = default!;

    protected override void OnInitialized()
    {
        _subscribed = Session;
        _subscribed.Changed += OnSessionChanged;
    }

    /// <summary>Called on the render thread after the session changed, before re-rendering.</summary>
    protected virtual void OnBoardChanged()
    {
    }

    private void OnSessionChanged() => _ = InvokeAsync(() =>
    {
        OnBoardChanged();
        StateHasChanged();
    });

    public void Dispose()
    {
        if (_subscribed is not null)
        {
            _subscribed.Changed -= OnSessionChanged;
            _subscribed = null;
        }

        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
