using System.Globalization;

namespace PostMortem.Server.Tests.Infrastructure;

/// <summary>One read of <c>GET /metrics</c> (Prometheus text): each metric's value summed over its label sets
/// (e.g. a request counter over status codes), plus the raw text for failure messages.</summary>
public sealed class PrometheusScrape
{
    private readonly Dictionary<string, double> _sums;

    private PrometheusScrape(string text, Dictionary<string, double> sums)
    {
        Text = text;
        _sums = sums;
    }

    public string Text { get; }

    public static async Task<PrometheusScrape> ReadAsync(HttpClient http)
    {
        using var response = await http.GetAsync("metrics").WaitAsync(HubTestClient.Timeout);
        Assert.True(response.IsSuccessStatusCode, $"/metrics answered {(int)response.StatusCode}");
        return Parse(await response.Content.ReadAsStringAsync().WaitAsync(HubTestClient.Timeout));
    }

    public static PrometheusScrape Parse(string text)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // name{labels} value [timestamp]; label values may hold spaces, so the value starts after "} ".
            var nameEnd = line.IndexOfAny(['{', ' ']);
            var valueStart = line[nameEnd] == '{' ? line.IndexOf("} ", nameEnd, StringComparison.Ordinal) + 2 : nameEnd + 1;
            var value = line[valueStart..].Split(' ')[0];
            var name = line[..nameEnd];
            sums[name] = sums.GetValueOrDefault(name) + double.Parse(value, CultureInfo.InvariantCulture);
        }

        return new PrometheusScrape(text, sums);
    }

    public bool Has(string name) => _sums.ContainsKey(name);

    /// <summary>The metric's value; fails the test, showing the whole scrape, when it is absent.</summary>
    public double Value(string name) =>
        _sums.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"/metrics has no {name}:\n{Text}");

    /// <summary>How much the metric grew since <paramref name="before"/> (absent before counts as 0).</summary>
    public double Since(PrometheusScrape before, string name) =>
        Value(name) - (before.Has(name) ? before.Value(name) : 0);
}
