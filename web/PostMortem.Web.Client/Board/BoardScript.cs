namespace PostMortem.Web.Client.Board;

/// <summary>The board's JS module (wwwroot/board.js). A WebAssembly project's wwwroot is served at the site's root,
/// not under <c>_content/</c>; Blazor resolves "./" against the document's base address.</summary>
public static class BoardScript
{
    public const string Path = "./board.js";
}
