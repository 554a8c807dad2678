using System.Net;
using System.Net.Sockets;

namespace Braid.Overheads.Transports;

/// <summary>TCP over the loopback interface (127.0.0.1 only), Nagle off so that each message is sent as written.</summary>
public sealed class TcpTransport : CrossProcessTransport
{
    /// <inheritdoc />
    public override string Name => "tcp";

    /// <inheritdoc />
    public override string Label => "TCP loopback";

    /// <inheritdoc />
    protected override ParentEnd OpenParent()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        return new SocketEnd(listener, ((IPEndPoint)listener.LocalEndPoint!).Port.ToString());
    }

    /// <inheritdoc />
    public override Stream ConnectChild(string address, Stream standardInput)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, int.Parse(address)));
        return new NetworkStream(socket, ownsSocket: true);
    }
}
