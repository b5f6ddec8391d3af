using System.Text.Json;
using System.Text.Json.Nodes;
using Cms.Api.Sync;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Sync;

/// <summary>
/// A mobile app's store: it keeps items, categories and authors, removes what the deleted lists name, and follows
/// nextToken while hasMore, always with the same query (category, fields).
/// </summary>
internal sealed class SyncStore(HttpClient client, string query = "")
{
    public Dictionary<Guid, int> Articles { get; } = [];

    public Dictionary<Guid, int> Categories { get; } = [];

    public Dictionary<Guid, int> Authors { get; } = [];

    public string? Token { get; set; }

    public List<SyncResponse> Pages { get; } = [];

    /// <summary>Each page as sent, for what the typed pages cannot show (properties left out by fields).</summary>
    public List<JsonObject> Raw { get; } = [];

    public SyncResponse LastPage => Pages[^1];

    /// <summary>Every page of the last sync.</summary>
    public List<SyncResponse> LastSync { get; private set; } = [];

    public async Task SyncAsync(int limit = 100)
    {
        LastSync = [];
        do
        {
            await PageAsync(limit);
        }
        while (Pages[^1].HasMore);
    }

    /// <summary>One page, applied: a test can write between the pages of one pass.</summary>
    public async Task PageAsync(int limit)
    {
        var url = $"/api/v1/sync?limit={limit}" + query + (Token is null ? "" : "&token=" + Uri.EscapeDataString(Token));
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        var raw = JsonNode.Parse(text)!.AsObject();
        Raw.Add(raw);
        // Items picked by fields are not whole articles: the typed page leaves them out, the store takes id and version.
        var typed = raw.DeepClone().AsObject();
        if (query.Contains("fields=", StringComparison.Ordinal))
        {
            typed["items"] = new JsonArray();
        }

        var page = typed.Deserialize<SyncResponse>(ApiTest.ServiceJson)!;
        Pages.Add(page);
        LastSync.Add(page);
        Apply(page);
        foreach (var item in raw["items"]!.AsArray())
        {
            Articles[(Guid)item!["id"]!] = (int)item["version"]!;
        }
        Token = page.NextToken;
    }

    private void Apply(SyncResponse page)
    {
        foreach (var id in page.Deleted)
        {
            Articles.Remove(id);
        }

        foreach (var category in page.Categories)
        {
            Categories[category.Id] = category.Version;
        }

        foreach (var id in page.DeletedCategories)
        {
            Categories.Remove(id);
        }

        foreach (var author in page.Authors)
        {
            Authors[author.Id] = author.Version;
        }

        foreach (var id in page.DeletedAuthors)
        {
            Authors.Remove(id);
        }
    }
}
