using System.Net;
using System.Net.Sockets;

namespace TrajectoryBuild.Testing;

/// <summary>Free TCP ports on 127.0.0.1 for the servers tests start.</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on now (the OS picks it; a server started right after takes it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
