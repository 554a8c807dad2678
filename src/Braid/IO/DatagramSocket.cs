using System.Net;
using System.Net.Sockets;

namespace Braid.IO;

/// <summary>A datagram received: how many bytes, and from whom.</summary>
public readonly record struct Datagram(int Length, IPEndPoint From);

/// <summary>
/// A UDP socket on the loop (asyncio's datagram endpoints, Trio's UDP socket): each send is one datagram and each
/// receive returns one whole datagram (truncated to the buffer, as the OS does). Every call is a cancellation point;
/// a receive cancelled while parked has taken nothing.
/// </summary>
public sealed class DatagramSocket : IDisposable
{
    private readonly Socket _socket;
    private readonly IoHandle _io;
    private readonly Kernel _kernel;
    private readonly SocketAddress _from;
    private bool _closed;

    private DatagramSocket(Socket socket, Kernel kernel)
    {
        _socket = socket;
        _kernel = kernel;
        _from = new SocketAddress(socket.AddressFamily);
        _io = IoHandle.Register(kernel, socket);
    }

    /// <summary>Binds a UDP socket to <paramref name="address"/>:<paramref name="port"/> (port 0 picks a free one).</summary>
    public static DatagramSocket Bind(IPAddress address, int port)
    {
        var kernel = Kernel.Require();
        Poller.For(kernel);
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw SocketErrors.Failed($"bind to {address}:{port}", e.SocketErrorCode);
        }
        return new DatagramSocket(socket, kernel);
    }

    /// <summary>The bound address.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Sends one datagram to <paramref name="to"/>; waits only if the socket's buffer is full.</summary>
    public async Coroutine SendToAsync(ReadOnlyMemory<byte> datagram, IPEndPoint to)
    {
        var address = to.Serialize();
        while (true)
        {
            Checkpoint();
            try
            {
                _socket.SendTo(datagram.Span, SocketFlags.None, address);
                return;
            }
            catch (SocketException e) when (SocketErrors.WouldBlock(e.SocketErrorCode))
            {
                await _io.WaitWritable();
            }
            catch (SocketException e)
            {
                throw SocketErrors.Failed($"send to {to}", e.SocketErrorCode);
            }
        }
    }

    /// <summary>Receives one datagram into <paramref name="buffer"/>.</summary>
    public async Coroutine<Datagram> ReceiveFromAsync(Memory<byte> buffer)
    {
        while (true)
        {
            Checkpoint();
            try
            {
                var n = _socket.ReceiveFrom(buffer.Span, SocketFlags.None, _from);
                return new Datagram(n, (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(_from));
            }
            catch (SocketException e) when (SocketErrors.WouldBlock(e.SocketErrorCode))
            {
                await _io.WaitReadable();
            }
            catch (SocketException e)
            {
                throw SocketErrors.Failed("receive", e.SocketErrorCode);
            }
        }
    }

    /// <summary>Closes the socket; a strand parked on it gets <see cref="ClosedResourceException"/>.</summary>
    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _io.Close(); // a strand parked on the socket wakes to ClosedResourceException
    }

    private void Checkpoint()
    {
        if (_closed) throw new ClosedResourceException("This datagram socket is closed.");
        _kernel.ThrowIfCancelPending();
    }
}
