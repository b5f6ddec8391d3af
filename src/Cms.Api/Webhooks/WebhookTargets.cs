using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Cms.Api.Webhooks;

/// <summary>
/// Which addresses a webhook may reach (OWASP API7, SSRF): none that is loopback, private, link-local (the cloud metadata
/// service at 169.254.169.254), unspecified, shared (CGNAT), multicast or reserved, unless Cms:Webhooks:AllowPrivateTargets.
/// Checked when a webhook is saved, and again at delivery by <see cref="ConnectAsync"/>, which resolves the name, checks every
/// address and connects to an address it checked: a DNS answer that changes between the two cannot slip through.
/// </summary>
internal sealed class WebhookTargets(IOptions<WebhookOptions> options)
{
    private readonly bool _allowPrivate = options.Value.AllowPrivateTargets;

    /// <summary>Why the URL may not be a target; null when it may.</summary>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The host '{url.Host}' does not resolve.";
        }

        if (addresses.Length == 0)
        {
            return $"The host '{url.Host}' does not resolve.";
        }

        return addresses.FirstOrDefault(a => !IsAllowed(a)) is { } refused
            ? $"The host '{url.Host}' resolves to {refused}, a loopback, private, link-local or reserved address; webhooks may reach public addresses only."
            : null;
    }

    /// <summary>SocketsHttpHandler.ConnectCallback: every resolved address checked, then a connection to an allowed one.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new WebhookTargetRefusedException($"{context.DnsEndPoint.Host} does not resolve.");
        }

        if (addresses.FirstOrDefault(a => !IsAllowed(a)) is { } refused)
        {
            throw new WebhookTargetRefusedException($"{context.DnsEndPoint.Host} resolves to {refused}, which webhooks may not reach.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    public bool IsAllowed(IPAddress address) => _allowPrivate || IsPublic(address);

    /// <summary>Public unicast: not loopback, private, link-local, unspecified, shared, multicast, documentation or reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 198 && b[1] is 18 or 19)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var v6 = address.GetAddressBytes();
        return !(IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
            || address.IsIPv4MappedToIPv6 || address.IsIPv6Teredo
            || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8)
            || (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b)
            || v6[0] == 0);
    }
}

/// <summary>A delivery's target resolved to an address webhooks may not reach.</summary>
internal sealed class WebhookTargetRefusedException(string message) : Exception(message);
