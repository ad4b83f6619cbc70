using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Tests.Fakes;

namespace PostMortem.Web.Tests.Phases;

/// <summary>A board in memory (Core's), moved to a phase by the facilitator, and a component rendered under it.</summary>
public abstract class PhaseTestBase : BunitContext
{
    private protected static FakeBoardSession Board(string viewer, Phase phase, AgendaPreset agenda = AgendaPreset.Ninety)
    {
        var session = new FakeBoardSession(viewer, agenda);
        for (var i = 0; i < 6 && session.Board.ViewFor(FakeBoardSession.Facilitator)!.Meta.Phase != phase; i++)
        {
            session.As(FakeBoardSession.Facilitator, new AdvancePhase());
        }

        return session;
    }

    private protected IRenderedComponent<T> RenderUnder<T>(FakeBoardSession session, Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : IComponent =>
        Render<T>(p =>
        {
            p.AddCascadingValue<IBoardSession>(session);
            parameters?.Invoke(p);
        });

    /// <summary>The commands the component sent, of one type.</summary>
    private protected static List<T> SentOf<T>(FakeBoardSession session)
        where T : BoardCommand =>
        session.Sent.Select(s => s.Command).OfType<T>().ToList();

    /// <summary>The input or textarea a label names.</summary>
    protected static IElement Field<T>(IRenderedComponent<T> cut, string label)
        where T : IComponent
    {
        var forId = cut.FindAll("label").First(l => l.TextContent.Trim() == label).GetAttribute("for");
        return cut.Find($"#{forId}");
    }

    protected static IElement Button<T>(IRenderedComponent<T> cut, string text)
        where T : IComponent =>
        cut.FindAll("button").First(b => b.TextContent.Trim() == text || b.GetAttribute("aria-label") == text);

    protected static bool HasButton<T>(IRenderedComponent<T> cut, string text)
        where T : IComponent =>
        cut.FindAll("button").Any(b => b.TextContent.Trim() == text || b.GetAttribute("aria-label") == text);
}
