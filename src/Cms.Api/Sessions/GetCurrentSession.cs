using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cms.Api.Sessions;

internal static class GetCurrentSession
{
    /// <summary>Reports without extending, so a page can poll how long is left.</summary>
    public static Ok<SessionEnvelope> Handle(HttpContext http, IOptionsSnapshot<SessionOptions> options) =>
        TypedResults.Ok(new SessionEnvelope(SessionResponse.From(http.CurrentSession(), options.Value)));
}
