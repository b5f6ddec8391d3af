namespace Cms.Api.Infrastructure.Problems;

/// <summary>The stable machine strings clients switch on (the contract's <c>code</c>).</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string MalformedJson = "malformed_json";
    public const string BadRequest = "bad_request";
    public const string Unauthenticated = "unauthenticated";
    public const string SessionExpired = "session_expired";
    public const string TokenExpired = "token_expired";
    public const string InvalidCredentials = "invalid_credentials";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Conflict = "conflict";
    public const string UsernameTaken = "username_taken";
    public const string LastAdmin = "last_admin";
    public const string OwnPasswordReset = "own_password_reset";
    public const string VersionMismatch = "version_mismatch";
    public const string SlugTaken = "slug_taken";
    public const string RatingDisabled = "rating_disabled";
    public const string InvalidSyncToken = "invalid_sync_token";
    public const string SyncTokenExpired = "sync_token_expired";
    public const string AuthorHasArticles = "author_has_articles";
    public const string CategoryInUse = "category_in_use";
    public const string RequestTimeout = "request_timeout";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string RateLimited = "rate_limited";
    public const string TooManyAttempts = "too_many_attempts";
    public const string InternalError = "internal_error";
    public const string DatabaseUnavailable = "database_unavailable";
    public const string SiteNotConfigured = "site_not_configured";
    public const string InvalidImage = "invalid_image";
    public const string MalformedMultipart = "malformed_multipart";
    public const string MediaInUse = "media_in_use";
    public const string EncodeBusy = "encode_busy";
    public const string WebhookTargetRefused = "webhook_target_refused";
    public const string WebhookDisabled = "webhook_disabled";
    public const string PendingChanges = "pending_changes";
    public const string PreviewExpired = "preview_expired";

    /// <summary>The code an error gets when whoever produced it named none.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        408 => RequestTimeout,
        412 => VersionMismatch,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        503 => DatabaseUnavailable,
        _ => status >= 500 ? InternalError : "error",
    };
}
