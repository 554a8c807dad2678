using System.Net;
using System.Net.Sockets;

namespace Braid.IO;

/// <summary>TCP on the loop: listen and connect (asyncio's start_server and open_connection, Trio's open_tcp_listeners and open_tcp_stream).</summary>
public static class Tcp
{
    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/> (port 0 picks a free one).</summary>
    public static SocketListener Listen(IPAddress address, int port, int backlog = 4096)
    {
        var kernel = Kernel.Require();
        Poller.For(kernel); // refuses a deterministic loop before anything is bound
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // SO_REUSEADDR alone, so a restarted server can bind past TIME_WAIT; .NET's ReuseAddress also sets
            // SO_REUSEPORT on Linux, which would let a second server bind the same port silently.
            if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(backlog);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw e.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? new IOException($"port {port} on {address} is already in use", e)
                : SocketErrors.Failed($"listen on {address}:{port}", e.SocketErrorCode);
        }
        return new SocketListener(socket, kernel);
    }

    /// <summary>Listens on <paramref name="host"/> (an IP address or "localhost") and <paramref name="port"/>.</summary>
    public static SocketListener Listen(string host, int port, int backlog = 4096) =>
        Listen(host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out var ip) ? ip
            : throw new ArgumentException($"listen needs an IP address or 'localhost', not '{host}'", nameof(host)), port, backlog);

    /// <summary>
    /// Connects to <paramref name="host"/>:<paramref name="port"/>, trying each resolved address in turn. Names are
    /// resolved on a thread (<see cref="ToThread"/>), as asyncio's getaddrinfo is. A cancellation point: bound it
    /// with a cancel scope (<see cref="Loop.FailAfter(TimeSpan, Func{Coroutine})"/>) for a connect timeout.
    /// </summary>
    public static async Coroutine<SocketStream> ConnectAsync(string host, int port)
    {
        Poller.For(Kernel.Require()); // a deterministic loop refuses here, before a name is resolved
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await ResolveAsync(host);
        IOException? last = null;
        foreach (var address in addresses)
        {
            try
            {
                return await ConnectAsync(new IPEndPoint(address, port));
            }
            catch (IOException e)
            {
                last = e;
            }
        }
        throw last ?? new IOException($"'{host}' has no address");
    }

    /// <summary>Connects to one endpoint.</summary>
    public static Coroutine<SocketStream> ConnectAsync(IPEndPoint endPoint) =>
        Connector.ConnectAsync(new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp), endPoint);

    /// <summary>Resolves a host name on a thread of the bridge; throws <see cref="IOException"/> if it does not resolve.</summary>
    public static async Coroutine<IPAddress[]> ResolveAsync(string host)
    {
        try
        {
            return await ToThread.RunAsync(() => Dns.GetHostAddresses(host));
        }
        catch (SocketException e)
        {
            throw new IOException($"cannot resolve '{host}': {e.Message}", e);
        }
    }
}
