using System.Collections.Concurrent;

namespace Braid;

/// <summary>
/// The loop's only door for other threads: callbacks posted here run on the loop thread at its next turn. An idle loop
/// sleeps on the inbox until something is posted or its next timer is due.
/// </summary>
internal sealed class Inbox
{
    private readonly ConcurrentQueue<Action> _queue = new();
    private readonly ManualResetEventSlim _signal = new(false);
    private int _sleeping;

    public bool IsEmpty => _queue.IsEmpty;

    /// <summary>Posts a callback; safe from any thread.</summary>
    public void Post(Action callback)
    {
        _queue.Enqueue(callback); // a full fence: the read of _sleeping below cannot move above it
        if (Volatile.Read(ref _sleeping) != 0) _signal.Set();
    }

    /// <summary>Runs everything posted so far; returns how many callbacks ran.</summary>
    public int Drain()
    {
        var ran = 0;
        while (_queue.TryDequeue(out var callback))
        {
            callback();
            ran++;
        }
        return ran;
    }

    /// <summary>Sleeps until something is posted or the timeout passes (null: no timeout).</summary>
    public void Wait(TimeSpan? timeout)
    {
        _signal.Reset();
        Interlocked.Exchange(ref _sleeping, 1); // a full fence: a post that missed the flag is seen by the check below
        try
        {
            if (!_queue.IsEmpty) return;
            if (timeout is { } t) _signal.Wait(t < TimeSpan.Zero ? TimeSpan.Zero : t);
            else _signal.Wait();
        }
        finally
        {
            Volatile.Write(ref _sleeping, 0);
        }
    }
}
