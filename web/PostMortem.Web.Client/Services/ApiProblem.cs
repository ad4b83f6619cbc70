using System.Text.Json;

namespace PostMortem.Web.Client.Services;

/// <summary>The sentence of an HTTP API error (its ProblemDetails "detail"), or a fallback when the answer has none.</summary>
public static class ApiProblem
{
    public static async Task<string> DetailAsync(HttpResponseMessage response, string fallback)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("detail", out var detail)
                && detail.ValueKind == JsonValueKind.String
                && detail.GetString() is { Length: > 0 } text
                ? text
                : fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    /// <summary>A value of the page's address fragment ("#code=…&amp;x=…"); null when absent.</summary>
    public static string? FragmentValue(string uri, string name)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0)
        {
            return null;
        }

        foreach (var pair in uri[(hash + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == name)
            {
                return Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }
}
