namespace Cms.Api.Infrastructure.OpenApi;

/// <summary>What every PUT and PATCH says to clients, written once.</summary>
public static class WriteDescriptions
{
    public const string WholeBodyDescription =
        "Replaces the whole resource: send every writable property (null clears a nullable one); a left-out one is 400 validation_failed naming it. " +
        "Send If-Match with the ETag you read: a stale one answers 412 version_mismatch. Without it the save still fails with 412 if another save " +
        "landed between this request's read and write.";

    public const string MergePatchDescription =
        "A JSON Merge Patch (RFC 7396, Content-Type: application/merge-patch+json): only the properties sent change, null clears one, objects " +
        "merge. The result is validated and saved as a PUT of it would be. If-Match as for PUT.";
}
