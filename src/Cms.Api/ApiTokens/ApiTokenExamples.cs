using Cms.Api.Infrastructure.Paging;

namespace Cms.Api.ApiTokens;

/// <summary>The OpenAPI document's examples: the frontend team's build server, reading drafts for 90 days.</summary>
internal static class ApiTokenExamples
{
    private static readonly DateTimeOffset Created = new(2017, 10, 10, 7, 0, 0, TimeSpan.Zero);

    public static readonly CreateApiTokenRequest Request = new("Build server (frontend)", [Scopes.ContentRead], 90);

    public static readonly ApiTokenResponse Response = new(Guid.Parse("018f1c2e-7000-7e50-9f60-7b8c9d0e1f05"), "Build server (frontend)",
        [Scopes.ContentRead], Created, Created.AddDays(90), null);

    public static readonly CreatedApiTokenResponse CreatedResponse = new("cms_pat_3q2-7wEXAMPLEonlyXo9Lb1cT0kZp4n6aV8sYdRfGhJkLmN", Response);

    public static readonly PagedList<ApiTokenResponse> List = new(
        [Response with { LastUsedAt = Created.AddHours(3) }, Response with
        {
            Id = Guid.Parse("018f1c2e-7100-7e50-9f60-7b8c9d0e1f06"), Name = "Photo import", Scopes = [Scopes.MediaWrite], ExpiresAt = null,
        }],
        1, 20, 2, null);
}
