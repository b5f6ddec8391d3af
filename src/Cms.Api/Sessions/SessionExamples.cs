using Cms.Api.Data.Entities;

namespace Cms.Api.Sessions;

/// <summary>The OpenAPI document's examples: an editor signed in for an hour, idle for none of it.</summary>
internal static class SessionExamples
{
    private static readonly DateTimeOffset SignedIn = new(2017, 10, 10, 6, 30, 0, TimeSpan.Zero);

    public static readonly SignInRequest Request = new("phai", "mat-khau-dai-hon-10");

    public static readonly SessionResponse Session = new(
        Guid.Parse("018f1c2e-9000-7d40-8e5f-6a7b8c9d0e01"),
        new SessionUser(Guid.Parse("018f1c2e-6000-7e50-9f60-7b8c9d0e1f01"), "phai", "Hồng Phái", UserRole.Editor),
        SignedIn, SignedIn, SignedIn.AddMinutes(30), SignedIn.AddHours(12), IdleTimeoutSeconds: 1800, WarningSeconds: 60);

    public static readonly SignInResponse SignedInResponse = new("cms_3q2VvX8kQm9yT1rB5nC7dL0eF4gH6jK8", Session);

    public static readonly SessionEnvelope Envelope = new(Session);
}
