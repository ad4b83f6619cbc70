using PostMortem.Web.Data;

namespace PostMortem.Web.Shared;

/// <summary>The sentence a page shows for an error of its data: a wrong or unknown link says so in the page's words.</summary>
internal static class PageErrorText
{
    public static string? For(PageError? error, string invalidLink) => error switch
    {
        null => null,
        { Status: 403 or 404 } => invalidLink,
        _ => error.Message,
    };
}
