using System.Net;
using System.Net.Sockets;

namespace Touchpoint.Web.Tests.Channels.Support;

public static class LoopbackPort
{
    public static int Free()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
