using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Braid.IO;

/// <summary>
/// One registered descriptor's readiness (a socket, or a pipe under epoll): at most one strand waiting to read and one waiting to write (Go's pollDesc with
/// its rg and wg). A strand parks here only after the socket said "would block", and the poller wakes it when the
/// socket becomes ready, so with an edge-triggered poller no readiness is ever missed.
/// </summary>
/// <remarks>
/// Invariant: a parked reader or writer has this handle as its wait site and is counted in the kernel's Outstanding
/// (the loop is waiting on the outside world, which is not a deadlock); the count drops when it wakes or is cancelled.
/// </remarks>
internal sealed class IoHandle : IWaitSite
{
    private readonly Kernel _kernel;
    private readonly ReadinessPoller _poller;
    private Strand? _reader;
    private Strand? _writer;

    private readonly IDisposable _owner;

    private IoHandle(Kernel kernel, ReadinessPoller poller, Socket? socket, SafeHandle descriptor, IDisposable owner)
    {
        _kernel = kernel;
        _poller = poller;
        Socket = socket;
        Descriptor = descriptor;
        _owner = owner;
    }

    /// <summary>Makes <paramref name="socket"/> nonblocking and registers it with the loop's poller (installing one if needed).</summary>
    public static IoHandle Register(Kernel kernel, Socket socket)
    {
        socket.Blocking = false;
        var poller = Poller.For(kernel);
        var handle = new IoHandle(kernel, poller, socket, socket.SafeHandle, socket);
        poller.Register(handle);
        return handle;
    }

    /// <summary>
    /// Registers a nonblocking pipe descriptor, closed with <paramref name="owner"/>; only epoll watches pipes (Socket.Select
    /// cannot), so this returns null under the portable poller.
    /// </summary>
    public static IoHandle? RegisterPipe(Kernel kernel, SafeHandle pipe, IDisposable owner)
    {
        var poller = Poller.For(kernel);
        if (poller.Kind != PollerKind.Epoll) return null;
        var handle = new IoHandle(kernel, poller, null, pipe, owner);
        poller.Register(handle);
        return handle;
    }

    /// <summary>The socket, or null for a pipe.</summary>
    public Socket? Socket { get; }

    /// <summary>The OS descriptor the poller watches.</summary>
    public SafeHandle Descriptor { get; }

    /// <summary>The poller's key for this handle (epoll's data field); set by the poller.</summary>
    public int Token { get; set; }

    public bool WantsRead => _reader is not null;

    public bool WantsWrite => _writer is not null;

    public Kernel Kernel => _kernel;

    /// <summary>Parks the current strand until the socket is readable (or hung up, or in error). Await it at once.</summary>
    public ParkAwaitable WaitReadable() => Park(ref _reader, "read");

    /// <summary>Parks the current strand until the socket is writable. Await it at once.</summary>
    public ParkAwaitable WaitWritable() => Park(ref _writer, "write");

    private ParkAwaitable Park(ref Strand? slot, string direction)
    {
        if (Kernel.Current != _kernel) throw new InvalidOperationException("A Braid socket or pipe can only be used from the loop that opened it.");
        var strand = _kernel.CurrentOrThrow();
        if (slot is not null) throw new InvalidOperationException($"{slot.Name} is already waiting to {direction} on this socket; one reader and one writer at a time.");
        _kernel.PrepareToPark(strand, this);
        slot = strand;
        _kernel.Outstanding++;
        _poller.Interested(this);
        return ParkAwaitable.Parked(strand);
    }

    /// <summary>Called by the poller on the loop thread: wakes whoever waits for what became ready.</summary>
    public void OnReady(bool readable, bool writable)
    {
        if (readable && _reader is { } r)
        {
            _reader = null;
            _kernel.Outstanding--;
            _kernel.Wake(r);
        }
        if (writable && _writer is { } w)
        {
            _writer = null;
            _kernel.Outstanding--;
            _kernel.Wake(w);
        }
    }

    /// <summary>Deregisters and closes the socket, and wakes whoever was parked on it (to find it closed).</summary>
    public void Close()
    {
        _poller.Deregister(this);
        _owner.Dispose();
        OnReady(readable: true, writable: true);
    }

    /// <inheritdoc />
    public bool Abort(Strand strand)
    {
        if (ReferenceEquals(_reader, strand)) _reader = null;
        else if (ReferenceEquals(_writer, strand)) _writer = null;
        else return false;
        _kernel.Outstanding--;
        return true;
    }

    /// <inheritdoc />
    public string Describe() => $"{(Socket is null ? "pipe" : $"socket {Socket.LocalEndPoint?.ToString() ?? "(unbound)"}")} ({(_reader is not null ? "read" : "")}{(_writer is not null ? " write" : "")})";
}
