using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Braid.IO;

/// <summary>
/// The Linux poller: one epoll instance per loop, plus an eventfd registered with it so that a post from another
/// thread ends the wait (Go's netpollBreak).
/// </summary>
/// <remarks>
/// Edge-triggered, as Go's netpoller and mio are: a socket is registered once, for reading and writing, when it opens,
/// and no epoll_ctl is made per operation (level-triggered would report a readable socket on every wait until it is
/// drained, and one-shot would need a re-arm call per wait). The price is a rule the streams keep: a strand parks only
/// after the socket said EAGAIN, so the next edge is sure to come. Tokens (epoll's data) index a table of handles
/// rather than pin them with GCHandles; token 0 is the eventfd.
/// </remarks>
internal sealed unsafe class EpollPoller : ReadinessPoller
{
    private const int BatchSize = 256;
    private readonly SafeFileHandle _epoll;
    private readonly SafeFileHandle _wakeFd;
    private readonly List<IoHandle?> _handles = [null]; // index 0: the eventfd
    private readonly Stack<int> _freeTokens = new();
    private readonly byte[] _events = new byte[BatchSize * Native.EventSize];

    public EpollPoller()
    {
        _epoll = Native.Own(Native.EpollCreate1(Native.EpollCloexec), "epoll_create1");
        _wakeFd = Native.Own(Native.EventFd(0, Native.EfdCloexec | Native.EfdNonblock), "eventfd");
        Control(Native.EpollCtlAdd, _wakeFd.DangerousGetHandle(), Native.EpollIn | Native.EpollEt, 0);
    }

    public override PollerKind Kind => PollerKind.Epoll;

    public override void Register(IoHandle handle)
    {
        var token = _freeTokens.Count > 0 ? _freeTokens.Pop() : _handles.Count;
        if (token == _handles.Count) _handles.Add(handle);
        else _handles[token] = handle;
        handle.Token = token;
        Control(Native.EpollCtlAdd, handle.Descriptor.DangerousGetHandle(), Native.EpollIn | Native.EpollOut | Native.EpollRdHup | Native.EpollEt, (ulong)token);
    }

    public override void Deregister(IoHandle handle)
    {
        if (_epoll.IsClosed) return; // the loop has finished: closing the socket is all that is left
        // A descriptor closed already (code that disposed a socket while a patched call waited on it) left epoll with
        // its close, and its number may belong to another socket by now: only the token is left to free.
        if (!handle.Descriptor.IsClosed) Control(Native.EpollCtlDel, handle.Descriptor.DangerousGetHandle(), 0, 0);
        _handles[handle.Token] = null;
        _freeTokens.Push(handle.Token);
    }

    public override void Wait(TimeSpan? timeout)
    {
        var ms = Milliseconds(timeout);
        var n = ms == 0 ? Poll(0) : Spin();
        if (n == 0 && ms != 0) n = Poll(ms);
        Dispatch(n);
    }

    /// <summary>
    /// Polls without blocking for a few microseconds before the loop sleeps, as Go's scheduler spins before parking:
    /// in request-response traffic the next event is usually that close, and a thread that blocks in epoll_wait
    /// must then be woken and scheduled again, which on a busy CPU costs milliseconds.
    /// </summary>
    private int Spin()
    {
        var until = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
        int n;
        while ((n = Poll(0)) == 0 && System.Diagnostics.Stopwatch.GetTimestamp() < until)
        {
        }
        return n;
    }

    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 20_000; // 50 us

    private int Poll(int timeoutMs)
    {
        int n;
        fixed (byte* events = _events)
        {
            n = Native.EpollWait(_epoll, events, BatchSize, timeoutMs);
        }
        return n;
    }

    private void Dispatch(int n)
    {
        if (n < 0)
        {
            if (Marshal.GetLastPInvokeError() == Native.EIntr) return;
            throw new IOException($"epoll_wait failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
        for (var i = 0; i < n; i++)
        {
            var at = i * Native.EventSize;
            var flags = BitConverter.ToUInt32(_events, at);
            var token = (int)BitConverter.ToUInt64(_events, at + Native.DataOffset);
            if (token == 0)
            {
                DrainWake();
                continue;
            }
            // An error or hang-up wakes both sides: the next read or write reports it.
            var broken = (flags & (Native.EpollErr | Native.EpollHup)) != 0;
            _handles[token]?.OnReady(broken || (flags & (Native.EpollIn | Native.EpollRdHup)) != 0, broken || (flags & Native.EpollOut) != 0);
        }
    }

    public override void Wake()
    {
        ulong one = 1;
        try
        {
            Native.Write(_wakeFd, (byte*)&one, sizeof(ulong)); // EAGAIN only when the counter is full: a wake is pending anyway
        }
        catch (ObjectDisposedException)
        {
            // The loop finished; a late post has nothing to wake.
        }
    }

    public override void Dispose()
    {
        _wakeFd.Dispose();
        _epoll.Dispose();
    }

    private void DrainWake()
    {
        ulong value;
        Native.Read(_wakeFd, (byte*)&value, sizeof(ulong));
    }

    private void Control(int op, nint fd, uint flags, ulong token)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = flags;
        *(ulong*)(ev + Native.DataOffset) = token;
        if (Native.EpollCtl(_epoll, op, fd, ev) != 0) throw new IOException($"epoll_ctl failed: {Marshal.GetLastPInvokeErrorMessage()}");
    }
}
