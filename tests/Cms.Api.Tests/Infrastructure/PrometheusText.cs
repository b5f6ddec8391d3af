using System.Globalization;
using System.Text.RegularExpressions;

namespace Cms.Api.Tests.Infrastructure;

/// <summary>Reads one sample out of a Prometheus text scrape.</summary>
internal static class PrometheusText
{
    /// <summary>
    /// The value of the metric <paramref name="name"/> whose labels include <paramref name="label"/> (name="value"), or the
    /// first sample of that name; null when it is not there.
    /// </summary>
    public static double? Value(string scrape, string name, string? label = null)
    {
        foreach (Match sample in Regex.Matches(scrape, "^" + Regex.Escape(name) + @"(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline))
        {
            if (label is null || sample.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            {
                return double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    public static async Task<string> ScrapeAsync(HttpClient client, string url = "/metrics")
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        return text;
    }
}
