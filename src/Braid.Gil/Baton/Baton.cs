using System.Diagnostics;

namespace Braid.Gil;

/// <summary>
/// A global interpreter lock of our own: one baton that a thread must hold to run "interpreted" work.
/// </summary>
/// <remarks>
/// It follows CPython's "new GIL" (3.2 onwards, Python/ceval_gil.h):
/// <list type="bullet">
/// <item>A thread that wants the baton waits at most one switch interval (5 ms by default, as
/// <c>sys.getswitchinterval()</c>); when it times out and no switch happened meanwhile, it sets a drop request.</item>
/// <item>The holder checks for that request between units of work (<see cref="Tick"/>, CPython's eval breaker),
/// lets go, and then waits until another thread has taken the baton (FORCE_SWITCHING), so that it cannot grab it
/// straight back.</item>
/// <item>Blocking calls run without the baton (<see cref="Released"/>, Py_BEGIN_ALLOW_THREADS).</item>
/// </list>
/// Invariants (checked under the lock): at most one holder; <c>_held</c> if and only if <c>_owner != 0</c>;
/// a drop request is only ever raised while the baton is held.
/// </remarks>
public sealed class Baton
{
    /// <summary>CPython's default switch interval.</summary>
    public static readonly TimeSpan DefaultSwitchInterval = TimeSpan.FromMilliseconds(5);

    private readonly object _sync = new();
    private bool _held;
    /// <summary>Managed id of the holding thread, 0 when free.</summary>
    private int _owner;
    /// <summary>How many times the baton has been taken: a waiter compares it to see whether a switch happened.</summary>
    private long _takes;
    /// <summary>Raised by a waiter that timed out; read without the lock on the holder's fast path.</summary>
    private volatile bool _dropRequest;
    private long _forcedSwitches;

    /// <summary>Creates a baton with the given switch interval (CPython's 5 ms when null).</summary>
    public Baton(TimeSpan? switchInterval = null)
    {
        SwitchInterval = switchInterval ?? DefaultSwitchInterval;
        if (SwitchInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(switchInterval), "the switch interval must be positive");
    }

    /// <summary>How long a waiter waits before it asks the holder to let go.</summary>
    public TimeSpan SwitchInterval { get; }

    /// <summary>How many times the baton has been taken.</summary>
    public long Takes { get { lock (_sync) return _takes; } }

    /// <summary>How many times a holder let go because a waiter asked (switches forced by the interval).</summary>
    public long ForcedSwitches => Interlocked.Read(ref _forcedSwitches);

    /// <summary>True when the calling thread holds the baton.</summary>
    public bool IsHeldByCurrentThread { get { lock (_sync) return _held && _owner == Environment.CurrentManagedThreadId; } }

    /// <summary>Takes the baton, waiting for it; a wait longer than the switch interval asks the holder to let go.</summary>
    public void Acquire()
    {
        lock (_sync)
        {
            if (_held && _owner == Environment.CurrentManagedThreadId) throw new InvalidOperationException("the baton is not reentrant");
            TakeLocked();
        }
    }

    /// <summary>Gives the baton back; only the holder may.</summary>
    public void Release()
    {
        lock (_sync)
        {
            RequireOwnerLocked();
            _held = false;
            _owner = 0;
            // A pending request is answered: the waiter that raised it is about to take the baton.
            _dropRequest = false;
            Monitor.PulseAll(_sync);
            AssertInvariantsLocked();
        }
    }

    /// <summary>
    /// The check between units of interpreted work: when a waiter has asked for the baton, hand it over and take it
    /// back afterwards. Costs one volatile read when nobody is waiting.
    /// </summary>
    public void Tick()
    {
        if (!_dropRequest) return;
        lock (_sync)
        {
            if (!_dropRequest) return;
            RequireOwnerLocked();
            _dropRequest = false;
            _held = false;
            _owner = 0;
            _forcedSwitches++;
            var seen = _takes;
            Monitor.PulseAll(_sync);
            // FORCE_SWITCHING: the waiter that asked must get its turn before we compete again. A drop request is
            // raised only by a waiter, and waiters leave only by taking the baton, so this wait ends.
            while (_takes == seen) Monitor.Wait(_sync);
            TakeLocked();
        }
    }

    /// <summary>Runs without the baton until disposed (around blocking calls and native code that allows it).</summary>
    public ReleasedScope Released()
    {
        Release();
        return new ReleasedScope(this);
    }

    /// <summary>Holds the baton until disposed.</summary>
    public HeldScope Hold()
    {
        Acquire();
        return new HeldScope(this);
    }

    private void TakeLocked()
    {
        while (_held)
        {
            var seen = _takes;
            if (!Monitor.Wait(_sync, SwitchInterval) && _held && _takes == seen)
            {
                // A whole interval passed and nobody switched: ask the holder to let go at its next Tick.
                _dropRequest = true;
            }
        }
        _held = true;
        _owner = Environment.CurrentManagedThreadId;
        _takes++;
        // A request raised for the previous holder is answered by this take.
        _dropRequest = false;
        // Wake the previous holder if it waits for its forced switch to complete.
        Monitor.PulseAll(_sync);
        AssertInvariantsLocked();
    }

    private void RequireOwnerLocked()
    {
        if (!_held || _owner != Environment.CurrentManagedThreadId) throw new InvalidOperationException("only the thread that holds the baton may let go of it");
    }

    [Conditional("DEBUG")]
    private void AssertInvariantsLocked()
    {
        Debug.Assert(_held == (_owner != 0), "held if and only if there is an owner");
        Debug.Assert(_held || !_dropRequest, "a drop request only while held");
    }

    /// <summary>Re-takes the baton when disposed.</summary>
    public readonly struct ReleasedScope(Baton baton) : IDisposable
    {
        /// <summary>Takes the baton back.</summary>
        public void Dispose() => baton.Acquire();
    }

    /// <summary>Gives the baton back when disposed.</summary>
    public readonly struct HeldScope(Baton baton) : IDisposable
    {
        /// <summary>Gives the baton back.</summary>
        public void Dispose() => baton.Release();
    }
}
