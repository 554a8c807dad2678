namespace Braid;

/// <summary>
/// The loop's clock as a <see cref="TimeProvider"/> (<see cref="Loop.TimeProvider"/>): timestamps are loop time and
/// timers sit on the loop's timer heap, so on virtual time (deterministic mode) code written against TimeProvider
/// (Task.Delay, CancellationTokenSource.CancelAfter, WaitAsync, Polly's timeouts) has its hour-long timeouts run in
/// microseconds, in the seed's order. A timer's callback runs on the loop as a strand of its own.
/// </summary>
internal sealed class LoopTimeProvider : TimeProvider
{
    // Virtual runs start at a fixed instant, so their wall clock replays too.
    private static readonly DateTimeOffset VirtualEpoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly DateTimeOffset _startUtc;

    public LoopTimeProvider(Kernel kernel)
    {
        Kernel = kernel;
        _startUtc = kernel.VirtualTime ? VirtualEpoch : System.GetUtcNow();
    }

    public Kernel Kernel { get; }

    public LoopSynchronizationContext Context => Kernel.TaskContext;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    // Read from the loop thread, or from others on virtual time (a field read); real time is a Stopwatch either way.
    public override long GetTimestamp() => Kernel.Now;

    public override DateTimeOffset GetUtcNow() => _startUtc + TimeSpan.FromTicks(Kernel.Now);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new LoopTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }
}

/// <summary>
/// A timer on the loop's heap. Changes from other threads go through the inbox; each change or disposal bumps the
/// generation, so an entry armed earlier is stale and skipped when it surfaces (the heap's lazy disarm).
/// </summary>
internal sealed class LoopTimer : ITimer
{
    private readonly LoopTimeProvider _provider;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private readonly ExecutionContext? _context = ExecutionContext.Capture();
    private long _period = -1;
    private bool _armed;
    private bool _disposed;

    public LoopTimer(LoopTimeProvider provider, TimerCallback callback, object? state)
    {
        _provider = provider;
        _callback = callback;
        _state = state;
    }

    /// <summary>Bumped by every change; the heap entry armed with an older one is stale.</summary>
    public int Generation { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (_disposed) return false;
        var kernel = _provider.Kernel;
        if (!_provider.Context.OnLoopThread)
        {
            return kernel.Inbox.TryPost(() => ChangeOnLoop(dueTime, period), null);
        }
        ChangeOnLoop(dueTime, period);
        return true;
    }

    private void ChangeOnLoop(TimeSpan dueTime, TimeSpan period)
    {
        var kernel = _provider.Kernel;
        Disarm(kernel);
        if (_disposed || dueTime == Timeout.InfiniteTimeSpan) return;
        _period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? -1 : period.Ticks;
        Arm(kernel, kernel.Now + Math.Max(dueTime.Ticks, 0));
    }

    private void Arm(Kernel kernel, long due)
    {
        _armed = true;
        kernel.Timers.Arm(due, this);
    }

    private void Disarm(Kernel kernel)
    {
        Generation++;
        if (!_armed) return;
        _armed = false;
        kernel.Timers.OnStale();
    }

    /// <summary>Called by the timer heap when this timer's live entry is due: runs the callback as a strand, re-arms a periodic one.</summary>
    public void Fire(Kernel kernel)
    {
        _armed = false;
        if (_period > 0) Arm(kernel, kernel.Now + _period);
        kernel.SpawnCallback(Run, "timer");
    }

    private void Run()
    {
        if (_context is null) _callback(_state);
        else ExecutionContext.Run(_context, static s => { var t = (LoopTimer)s!; t._callback(t._state); }, this);
    }

    public void Dispose()
    {
        if (_disposed) return;
        if (!_provider.Context.OnLoopThread)
        {
            _provider.Kernel.Inbox.TryPost(Dispose, null);
            return;
        }
        _disposed = true;
        Disarm(_provider.Kernel);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
