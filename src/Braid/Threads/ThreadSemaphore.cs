namespace Braid;

/// <summary>
/// A counting semaphore for OS threads with the API of <see cref="AsyncSemaphore"/>, blocking instead of parking, and
/// fair like it (FIFO hand-off), which <see cref="SemaphoreSlim"/> does not promise.
/// </summary>
/// <remarks>Invariant: waiters imply the value is zero.</remarks>
public class ThreadSemaphore : ISemaphore
{
    private readonly object _gate = new();
    private readonly Queue<ThreadWaiter> _waiters = new();
    private int _value;

    /// <summary>Creates a semaphore with <paramref name="initial"/> permits.</summary>
    public ThreadSemaphore(int initial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initial);
        _value = initial;
    }

    /// <summary>Free permits now.</summary>
    public int Value
    {
        get
        {
            lock (_gate) return _value;
        }
    }

    /// <summary>How many threads wait.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate) return _waiters.Count;
        }
    }

    /// <summary>Takes a permit, blocking in arrival order while there is none.</summary>
    public void Acquire()
    {
        LoopThreadGuard.RefuseOnLoop("ThreadSemaphore.Acquire", "AsyncSemaphore");
        lock (_gate)
        {
            if (_value > 0)
            {
                _value--;
                return;
            }
            var me = new ThreadWaiter();
            _waiters.Enqueue(me);
            me.Await(_gate);
        }
    }

    /// <summary>Takes a permit if one is free now.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_value == 0) return false;
            _value--;
            return true;
        }
    }

    /// <summary>Returns a permit: to the longest-waiting thread if any, else to the count.</summary>
    public void Release()
    {
        lock (_gate)
        {
            BeforeRelease(_value);
            if (_waiters.TryDequeue(out var next))
            {
                next.Granted = true;
                Monitor.PulseAll(_gate);
            }
            else _value++;
            if (Invariant.Enabled) Invariant.That(_waiters.Count == 0 || _value == 0, "waiters imply the value is zero");
        }
    }

    Coroutine ISemaphore.AcquireAsync()
    {
        Acquire();
        return Coroutine.CompletedCoroutine;
    }

    /// <summary>Called under the monitor before a permit is returned; a bounded semaphore refuses one too many.</summary>
    private protected virtual void BeforeRelease(int value)
    {
    }

    /// <inheritdoc />
    public override string ToString() => $"ThreadSemaphore (value {Value}, {Waiting} waiting)";
}

/// <summary>A thread semaphore that refuses to be released past its bound, like <see cref="BoundedSemaphore"/>.</summary>
public sealed class ThreadBoundedSemaphore(int bound) : ThreadSemaphore(bound)
{
    /// <summary>The most permits it can hold.</summary>
    public int Bound { get; } = bound;

    private protected override void BeforeRelease(int value)
    {
        if (value >= Bound) throw new InvalidOperationException($"ThreadBoundedSemaphore released past its bound of {Bound}: more releases than acquires.");
    }
}
