using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Client.Services;
using PostMortem.Web.Tests.Fakes;

namespace PostMortem.Web.Tests.Board;

/// <summary>A bunit context for the board frame: the session cascaded as the board page does, this browser's storage
/// over bunit's JS interop, and the board's JS module planned (loose: a call nobody set up answers with a default).</summary>
public abstract class BoardTestContext : BunitContext
{
    internal const string ModulePath = BoardScript.Path;

    protected BoardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Module = JSInterop.SetupModule(ModulePath);
        Services.AddScoped<BrowserStorage>();
        Services.AddScoped<BoardAccessStore>();
    }

    internal BunitJSModuleInterop Module { get; }

    internal IRenderedComponent<T> RenderOn<T>(FakeBoardSession session, Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : IComponent =>
        Render<T>(p =>
        {
            p.AddCascadingValue<IBoardSession>(session);
            parameters?.Invoke(p);
        });
}
