using System.Net;
using System.Net.Sockets;
using Braid.IO;

namespace Braid.Gevent;

/// <summary>
/// The echo server of <c>braid echo serve --server green</c>, written as gevent's echo server is: blocking
/// <see cref="Socket.Accept"/>, <see cref="Socket.Receive(byte[])"/> and <see cref="Socket.Send(ReadOnlySpan{byte})"/>, a
/// green thread per connection. The project enables BraidMonkeyPatch, so those calls park only their green thread.
/// </summary>
public static class GreenEchoServer
{
    /// <summary>Serves on a new loop on this thread until SIGINT or SIGTERM; returns the exit code (130 or 143).</summary>
    public static int Run(string host, int port, Action<int> listening, Action<long> stopped) => Signals.Run(async () =>
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse(host), port));
        listener.Listen(4096);
        listening(((IPEndPoint)listener.LocalEndPoint!).Port);
        var served = 0L;
        try
        {
            await Green.Spawn(() => Serve(listener, () => served++), "acceptor").Join();
        }
        finally
        {
            stopped(served);
        }
    });

    /// <summary>Accepts connections for ever, each served by a green thread of its own (blocking code: patched).</summary>
    public static void Serve(Socket listener, Action accepted)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(accepted);
        while (true)
        {
            var connection = listener.Accept();
            connection.NoDelay = true;
            accepted();
            Green.Spawn(() => Echo(connection));
        }
    }

    /// <summary>Reads what is there and writes it back until the peer finishes (blocking code: patched).</summary>
    public static void Echo(Socket connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using (connection)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                int n;
                while ((n = connection.Receive(buffer)) > 0) connection.Send(buffer.AsSpan(0, n));
            }
            catch (SocketException)
            {
                // the peer reset the connection: this one is over, the server goes on
            }
        }
    }
}
