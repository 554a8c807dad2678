using System.Net.Sockets;

namespace Braid.IO;

/// <summary>Unix domain stream sockets on the loop (asyncio's start_unix_server and open_unix_connection): the same streams as TCP.</summary>
public static class UnixSockets
{
    /// <summary>Listens at <paramref name="path"/>; the file is removed when the listener is disposed.</summary>
    public static SocketListener Listen(string path, int backlog = 4096)
    {
        var kernel = Kernel.Require();
        Poller.For(kernel);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            socket.Listen(backlog);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw SocketErrors.Failed($"listen at {path}", e.SocketErrorCode);
        }
        return new SocketListener(socket, kernel, path);
    }

    /// <summary>Connects to the socket at <paramref name="path"/>.</summary>
    public static Coroutine<SocketStream> ConnectAsync(string path) =>
        Connector.ConnectAsync(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), new UnixDomainSocketEndPoint(path));
}
