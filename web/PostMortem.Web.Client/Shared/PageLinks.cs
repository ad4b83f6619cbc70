namespace PostMortem.Web.Client.Shared;

/// <summary>
/// The app's addresses. The join code and the facilitator secret travel in the fragment (#), which browsers never
/// send, because the WebAssembly pages that use them read it in the browser. The read key travels in the query (?):
/// the pre-read, write-up and sign-off pages are rendered by the server, which must see it; the server keeps those
/// queries out of its request logs and every page is sent with Referrer-Policy: no-referrer (docs/PROTOCOL.md).
/// </summary>
public static class PageLinks
{
    public static string Board(string boardId) => $"/b/{Uri.EscapeDataString(boardId)}";

    public static string Join(string boardId, string code) => $"{Board(boardId)}/join#code={Uri.EscapeDataString(code)}";

    public static string Facilitator(string boardId, string secret) => $"{Board(boardId)}/facilitator#secret={Uri.EscapeDataString(secret)}";

    public static string PreRead(string boardId, string key) => $"{Board(boardId)}/read?key={Uri.EscapeDataString(key)}";

    public static string WriteUp(string boardId, string key) => $"{Board(boardId)}/writeup?key={Uri.EscapeDataString(key)}";

    public static string SignOff(string boardId, string key) => $"{Board(boardId)}/signoff?key={Uri.EscapeDataString(key)}";

    public static string Incident(string boardId) => $"/incidents/{Uri.EscapeDataString(boardId)}";

    /// <summary>The write-up export (format "md" or "json") with the read key.</summary>
    public static string Export(string boardId, string key, string format) =>
        $"/api/boards/{Uri.EscapeDataString(boardId)}/writeup.{format}?key={Uri.EscapeDataString(key)}";

    /// <summary>The query name of the names / roles switch, the same on the write-up, its exports and the replay.</summary>
    public const string RolesQuery = "roles";

    /// <summary>The write-up page, with names replaced by roles when <paramref name="roles"/>.</summary>
    public static string WriteUp(string boardId, string key, bool roles) => WithRoles(WriteUp(boardId, key), roles);

    /// <summary>The export in the same mode as the page it is offered on.</summary>
    public static string Export(string boardId, string key, string format, bool roles) => WithRoles(Export(boardId, key, format), roles);

    /// <summary>Adds the switch to an address that already has a query (the read key): <c>&amp;roles=1</c> when on.</summary>
    public static string WithRoles(string address, bool roles) => roles ? $"{address}&{RolesQuery}=1" : address;

    /// <summary>
    /// The switch as given in an address: "1" or "true" replaces names by roles; absent, empty, "0" or "false" shows
    /// names; anything else is null (not a value of the switch) — the exports answer it with a 400.
    /// </summary>
    public static bool? ParseRoles(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "0" or "false" => false,
        "1" or "true" => true,
        _ => null,
    };
}
