using System.Net;
using System.Net.Sockets;

namespace Braid.Benchmarks.Echo;

/// <summary>
/// The baseline: .NET's own Socket async on the thread pool, the same code as the echo anchors' server (an accept loop,
/// each connection a ReceiveAsync/SendAsync loop started with Task.Run, a 64 KiB buffer, NoDelay).
/// </summary>
public static class SocketAsyncEchoServer
{
    /// <summary>Serves until <paramref name="cancellation"/> fires; <paramref name="listening"/> gets the port.</summary>
    public static async Task RunAsync(string host, int port, Action<int> listening, CancellationToken cancellation)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse(host), port));
        listener.Listen(4096);
        listening(((IPEndPoint)listener.LocalEndPoint!).Port);
        try
        {
            while (true)
            {
                var socket = await listener.AcceptAsync(cancellation);
                socket.NoDelay = true;
                _ = Task.Run(() => HandleAsync(socket), CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task HandleAsync(Socket socket)
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None);
                if (n == 0) break;
                for (var sent = 0; sent < n;) sent += await socket.SendAsync(buffer.AsMemory(sent, n - sent), SocketFlags.None);
            }
        }
        catch (SocketException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }
}
