namespace Braid.Tests.Sync;

/// <summary>
/// A deliberately unfair lock for strands: it excludes, but a release hands it to the newest waiter (a stack, not a
/// queue), so only the arrival-order check can catch it.
/// </summary>
internal sealed class LastComeFirstServedLock
{
    private readonly Stack<Event> _waiters = new();
    private bool _held;

    public int Waiting => _waiters.Count;

    public bool IsFree => !_held;

    public ParkAwaitable Acquire()
    {
        if (!_held)
        {
            _held = true;
            return ParkAwaitable.Ready;
        }
        var turn = new Event();
        _waiters.Push(turn);
        return turn.Wait();
    }

    public void Release()
    {
        if (_waiters.TryPop(out var next)) next.Set(); // handed over: still held, by the newest waiter
        else _held = false;
    }
}

/// <summary>The same unfair lock for OS threads.</summary>
internal sealed class LastComeFirstServedThreadLock
{
    private readonly Lock _gate = new();
    private readonly Stack<ThreadEvent> _waiters = new();
    private bool _held;

    public bool IsFree
    {
        get
        {
            lock (_gate) return !_held;
        }
    }

    public void Acquire()
    {
        ThreadEvent turn;
        lock (_gate)
        {
            if (!_held)
            {
                _held = true;
                return;
            }
            turn = new ThreadEvent();
            _waiters.Push(turn);
        }
        turn.Wait();
        turn.Dispose();
    }

    public void Release()
    {
        lock (_gate)
        {
            if (_waiters.TryPop(out var next)) next.Set();
            else _held = false;
        }
    }
}
