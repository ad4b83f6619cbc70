using PostMortem.Core.Internal;
using PostMortem.Core.Model;

namespace PostMortem.Core.Replay;

/// <summary>
/// A reader's view with names replaced by roles, as the write-up does it (<see cref="NameMasks"/>): people, texts,
/// owners, sign-offs. Coach flags are dropped: they quote the words they flag, names among them.
/// </summary>
internal static class ReplayMasking
{
    public static BoardView Mask(BoardView view, NameMasks masks)
    {
        // The view's entities are its own copies (Views.For clones), so they are changed in place.
        foreach (var p in view.Participants)
        {
            p.Name = masks.RoleOf(p.Id) ?? masks.Apply(p.Name);
        }

        foreach (var n in view.Notes)
        {
            n.Text = masks.Apply(n.Text);
            n.Flags = [];
            if (n.Action is { } action)
            {
                action.Owner = action.Owner is null ? null : masks.Owner(action);
            }
        }

        foreach (var c in view.Chains)
        {
            c.Symptom = masks.Apply(c.Symptom);
            c.Flags = [];
            foreach (var s in c.Steps)
            {
                s.Question = masks.Apply(s.Question);
                s.Answer = masks.Apply(s.Answer);
                s.Flags = [];
            }
        }

        var meta = view.Meta;
        meta.Title = masks.Apply(meta.Title);
        meta.Summary = masks.Apply(meta.Summary);
        meta.Impact = masks.Apply(meta.Impact);
        var derived = view.Derived with { RootCause = view.Derived.RootCause is { } root ? masks.Apply(root) : null };
        // The same labels as the write-up's: a participant who signed off is their role, a reader "reader N".
        IReadOnlyList<SignOff> signOffs = [.. view.SignOffs.Select(s => s with { Name = masks.SignOff(s) })];
        return view with { Derived = derived, SignOffs = signOffs };
    }
}
