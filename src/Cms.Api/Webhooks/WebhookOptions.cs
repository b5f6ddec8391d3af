namespace Cms.Api.Webhooks;

/// <summary>Bound from <c>Cms:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Cms:Webhooks";

    /// <summary>The contract's schedule: the waits after the first attempt, the second, ... (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h).</summary>
    public static readonly int[] ContractSchedule = [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400];

    /// <summary>Lets webhooks target loopback, private and link-local addresses (tests, a receiver on the same network).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Seconds to wait after each failed attempt (unset: the contract's); when they run out the message has failed for good.</summary>
    public int[]? RetryScheduleSeconds { get; set; }

    // Null by default: the configuration binder appends configured items to an array it finds filled.
    public IReadOnlyList<int> Schedule => RetryScheduleSeconds ?? ContractSchedule;

    /// <summary>How long a receiver has to answer.</summary>
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>How long a worker's claim on a message lasts; longer than the timeout, so a slow answer is never sent twice.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Deliveries one instance has in flight at once, over all webhooks.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 32;

    /// <summary>Deliveries one instance has in flight to one webhook: a slow receiver never holds up the others.</summary>
    public int MaxInFlightPerWebhook { get; set; } = 4;

    /// <summary>Delivery workers run on this instance (false: it records events but another instance sends them).</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>Seconds between looks for due work when nothing wakes the worker (a missed notification, a retry coming due).</summary>
    public int PollSeconds { get; set; } = 10;

    /// <summary>Days the delivery log keeps an event's deliveries; older events go, except those still waiting to be delivered.</summary>
    public int KeepDeliveryLogDays { get; set; } = 30;

    /// <summary>Minutes between purges of the delivery log.</summary>
    public int PurgeIntervalMinutes { get; set; } = 60;
}
