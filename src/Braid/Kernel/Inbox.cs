using System.Collections.Concurrent;

namespace Braid;

/// <summary>
/// The loop's only door for other threads: callbacks posted here run on the loop thread at its next turn. An idle loop
/// sleeps in the inbox's <see cref="IIdleWait"/> (an event, or Braid.IO's poller) until something is posted, I/O is
/// ready, or its next timer is due. When the loop ends the inbox closes: what is still queued then, and whatever is
/// posted later, is rejected (its reject callback runs instead), so a caller on another thread waiting for its
/// callback learns that it will never run.
/// </summary>
internal sealed class Inbox
{
    private readonly ConcurrentQueue<Item> _queue = new();
    private readonly object _gate = new();
    private bool _closed;
    private int _sleeping;

    private readonly record struct Item(Action Run, Action? Reject);

    public Inbox(IIdleWait? idleWait = null) => IdleWait = idleWait ?? new EventIdleWait();

    public bool IsEmpty => _queue.IsEmpty;

    /// <summary>What the idle loop sleeps in; replaced (on the loop thread, while it is not waiting) when Braid.IO installs its poller.</summary>
    public IIdleWait IdleWait
    {
        get => _idleWait;
        set
        {
            _idleWait = value;
            _pollWhenBusy = value is not EventIdleWait;
        }
    }

    private IIdleWait _idleWait = null!;
    private bool _pollWhenBusy;

    /// <summary>True while the loop sleeps in the default event (no poller, no custom wait installed).</summary>
    public bool HasDefaultIdleWait => _idleWait is EventIdleWait;

    /// <summary>
    /// A wait of zero, made when strands are still runnable after a batch: without it a loop that never idles (a strand
    /// yielding in a loop) would never hear from its sockets. Free for the default wait, which has nothing to poll.
    /// </summary>
    public void PollNow()
    {
        if (_pollWhenBusy) _idleWait.Wait(TimeSpan.Zero);
    }

    /// <summary>Posts a callback; safe from any thread. After the loop has ended it is dropped.</summary>
    public void Post(Action callback) => TryPost(callback, null);

    /// <summary>
    /// Posts a callback; safe from any thread. Returns false, without running anything, once the loop has ended; a
    /// callback accepted but still queued when it ends gets <paramref name="reject"/> run instead, on the loop's thread.
    /// </summary>
    public bool TryPost(Action callback, Action? reject)
    {
        // The gate orders posts against Close: a post either lands before the close (and is run or rejected) or
        // sees the inbox closed. Posts come from other threads, rarely enough that an uncontended lock is cheap.
        lock (_gate)
        {
            if (_closed) return false;
            _queue.Enqueue(new(callback, reject)); // a full fence: the read of _sleeping below cannot move above it
        }
        if (Volatile.Read(ref _sleeping) != 0) IdleWait.Wake();
        return true;
    }

    /// <summary>Runs everything posted so far; returns how many callbacks ran.</summary>
    public int Drain()
    {
        var ran = 0;
        while (_queue.TryDequeue(out var item))
        {
            item.Run();
            ran++;
        }
        return ran;
    }

    /// <summary>Closes the inbox as the loop ends and rejects what is still queued.</summary>
    public void Close()
    {
        lock (_gate) _closed = true;
        while (_queue.TryDequeue(out var item)) item.Reject?.Invoke();
    }

    /// <summary>Sleeps until something is posted or the timeout passes (null: no timeout).</summary>
    public void Wait(TimeSpan? timeout)
    {
        Interlocked.Exchange(ref _sleeping, 1); // a full fence: a post that missed the flag is seen by the check below
        try
        {
            if (!_queue.IsEmpty) return;
            IdleWait.Wait(timeout is { } t && t < TimeSpan.Zero ? TimeSpan.Zero : timeout);
        }
        finally
        {
            Volatile.Write(ref _sleeping, 0);
        }
    }

    /// <summary>
    /// The default idle wait: an event, reset after each wait. A wake meant for a wait can only come after that wait
    /// raised the sleeping flag, which is after the previous reset, so none is lost; a stale one costs one spurious return.
    /// </summary>
    private sealed class EventIdleWait : IIdleWait
    {
        private readonly ManualResetEventSlim _signal = new(false);

        public void Wait(TimeSpan? timeout)
        {
            _signal.Wait(timeout ?? Timeout.InfiniteTimeSpan);
            _signal.Reset();
        }

        public void Wake() => _signal.Set();
    }
}
