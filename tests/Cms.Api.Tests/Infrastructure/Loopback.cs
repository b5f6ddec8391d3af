using System.Net;
using System.Net.Sockets;

namespace Cms.Api.Tests.Infrastructure;

internal static class Loopback
{
    /// <summary>A port nobody listens on now (the OS's pick), for a server a test starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
