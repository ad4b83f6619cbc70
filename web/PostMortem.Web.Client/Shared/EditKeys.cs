using Microsoft.AspNetCore.Components.Web;

namespace PostMortem.Web.Client.Shared;

/// <summary>What a key does in an inline editor.</summary>
public enum EditKey
{
    None,
    Save,
    Cancel,
}

/// <summary>
/// The keyboard of inline editors: Ctrl/Cmd+Enter saves (Enter alone in a single-line field, which the form submits
/// itself), Escape cancels.
/// </summary>
public static class EditKeys
{
    public const string EditKeysHint = "Ctrl+Enter saves · Esc cancels";
    public const string LineEditHint = "Enter saves · Esc cancels";

    public static EditKey Of(KeyboardEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Key switch
        {
            "Escape" => EditKey.Cancel,
            "Enter" when e.CtrlKey || e.MetaKey => EditKey.Save,
            _ => EditKey.None,
        };
    }
}
