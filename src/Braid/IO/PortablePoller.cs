using System.Net;
using System.Net.Sockets;

namespace Braid.IO;

/// <summary>
/// The poller for any OS: Socket.Select on the loop thread over the sockets that have a waiter, plus a loopback UDP
/// socket that another thread sends a byte to when it posts (the self-pipe trick). Level-triggered and O(waiters) per
/// wait, so slower than epoll with thousands of connections, but it needs nothing beyond System.Net.Sockets.
/// </summary>
internal sealed class PortablePoller : ReadinessPoller
{
    private readonly Socket _wake = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly HashSet<IoHandle> _interested = new();
    private readonly List<Socket> _read = new();
    private readonly List<Socket> _write = new();
    private readonly Dictionary<Socket, IoHandle> _bySocket = new();
    private readonly byte[] _drain = new byte[64];
    private int _disposed;

    public PortablePoller()
    {
        _wake.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _wake.Blocking = false;
    }

    public override PollerKind Kind => PollerKind.Portable;

    public override void Register(IoHandle handle) =>
        _bySocket[handle.Socket ?? throw new PlatformNotSupportedException("The portable poller watches sockets only.")] = handle;

    public override void Deregister(IoHandle handle)
    {
        _bySocket.Remove(handle.Socket!);
        _interested.Remove(handle);
    }

    public override void Interested(IoHandle handle) => _interested.Add(handle);

    public override void Wait(TimeSpan? timeout)
    {
        _read.Clear();
        _write.Clear();
        _read.Add(_wake);
        foreach (var handle in _interested)
        {
            if (handle.WantsRead) _read.Add(handle.Socket!);
            if (handle.WantsWrite) _write.Add(handle.Socket!);
        }
        var ms = Milliseconds(timeout);
        var micros = ms < 0 ? -1 : (int)Math.Min(int.MaxValue, ms * 1000L);
        Socket.Select(_read, _write.Count > 0 ? _write : null, null, micros);
        foreach (var socket in _read)
        {
            if (ReferenceEquals(socket, _wake)) DrainWake();
            else if (_bySocket.TryGetValue(socket, out var handle)) Ready(handle, readable: true, writable: false);
        }
        foreach (var socket in _write)
        {
            if (_bySocket.TryGetValue(socket, out var handle)) Ready(handle, readable: false, writable: true);
        }
    }

    public override void Wake()
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        try
        {
            _wake.SendTo([1], _wake.LocalEndPoint!);
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // The loop finished, or the wake socket's buffer is full (a wake is pending anyway).
        }
    }

    public override void Dispose()
    {
        Volatile.Write(ref _disposed, 1);
        _wake.Dispose();
    }

    private void Ready(IoHandle handle, bool readable, bool writable)
    {
        handle.OnReady(readable, writable);
        if (!handle.WantsRead && !handle.WantsWrite) _interested.Remove(handle);
    }

    private void DrainWake()
    {
        while (_wake.Available > 0) _wake.Receive(_drain);
    }
}
