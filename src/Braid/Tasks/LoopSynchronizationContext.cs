namespace Braid;

/// <summary>
/// The SynchronizationContext of a Braid loop's thread, installed while the loop runs: an await in plain Task code
/// captures it, and its continuation comes back here to run on the loop, as a strand of its own (see
/// <see cref="CallbackStrand"/>), in the order the loop's scheduler chooses.
///
/// What it knows: which loop it belongs to and which thread that loop runs on. A post from another thread means Task
/// code left the loop (Task.Run, ConfigureAwait(false), real I/O, a thread-pool timer) and is coming back: it is
/// recorded in <see cref="TaskEscapes"/>, because the moment it arrives is real time, not the seed's choice.
///
/// It also asks to be told of blocking waits on its thread (<see cref="SynchronizationContext.SetWaitNotificationRequired"/>):
/// a strand that blocks the loop thread (<c>task.Wait()</c>, <c>.Result</c>) while work waits for the loop is the
/// sync-over-async deadlock, and it fails with a message instead of hanging.
/// </summary>
internal sealed class LoopSynchronizationContext : SynchronizationContext
{
    /// <summary>How long a strand may block the loop thread while work waits for the loop before it is called a deadlock.</summary>
    public static readonly TimeSpan BlockingGrace = TimeSpan.FromMilliseconds(100);

    private const int WaitTimeout = 258; // WAIT_TIMEOUT, what WaitHelper returns when the time ran out

    private readonly Kernel _kernel;
    private readonly Thread _thread = Thread.CurrentThread;

    public LoopSynchronizationContext(Kernel kernel)
    {
        _kernel = kernel;
        SetWaitNotificationRequired();
    }

    /// <summary>Where continuations from other threads came from.</summary>
    public TaskEscapes Escapes { get; } = new();

    /// <summary>True on the thread that runs this context's loop.</summary>
    public bool OnLoopThread => Thread.CurrentThread == _thread;

    public override void Post(SendOrPostCallback d, object? state)
    {
        // A coroutine awaiting a Task is Braid's own bridge: it posts to the inbox itself, counted as outstanding.
        if (state is Action { Target: ForeignWait }) d(state);
        else Schedule(() => d(state), d, state);
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (OnLoopThread)
        {
            d(state);
            return;
        }
        using var done = new ManualResetEventSlim(false);
        Exception? error = null;
        var accepted = _kernel.Inbox.TryPost(() => _kernel.SpawnCallback(() =>
        {
            try { d(state); }
            catch (Exception e) { error = e; }
            finally { done.Set(); }
        }, "task continuation"), () => done.Set());
        if (!accepted) throw new InvalidOperationException("The Braid loop this context belongs to has finished.");
        done.Wait();
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
    }

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="run"/> on the loop as a strand; from another thread, through the inbox, recorded as an escape.</summary>
    public void Schedule(Action run, Delegate? origin, object? state)
    {
        if (OnLoopThread)
        {
            _kernel.SpawnCallback(run, "task continuation");
            return;
        }
        var where = TaskEscapes.Locate(origin, state);
        _kernel.Inbox.Post(() =>
        {
            Escapes.Record(where);
            _kernel.SpawnCallback(run, "task continuation");
        });
    }

    public override int Wait(IntPtr[] waitHandles, bool waitAll, int millisecondsTimeout)
    {
        // Only a strand's turn can deadlock the loop this way; the loop's own idle wait (no strand running) passes through.
        if (!OnLoopThread || _kernel.CurrentStrand is not { } strand || _kernel.IsClosed)
        {
            return WaitHelper(waitHandles, waitAll, millisecondsTimeout);
        }
        var start = Environment.TickCount64;
        var grace = (long)BlockingGrace.TotalMilliseconds;
        while (true)
        {
            var elapsed = Environment.TickCount64 - start;
            var slice = millisecondsTimeout == Timeout.Infinite ? grace : Math.Min(grace, millisecondsTimeout - elapsed);
            var result = WaitHelper(waitHandles, waitAll, (int)Math.Max(slice, 0));
            if (result != WaitTimeout) return result;
            elapsed = Environment.TickCount64 - start;
            if (millisecondsTimeout != Timeout.Infinite && elapsed >= millisecondsTimeout) return WaitTimeout;
            if (elapsed >= grace && _kernel.HasWorkWaiting) throw SyncOverAsync(strand);
        }
    }

    private static InvalidOperationException SyncOverAsync(Strand strand) => new(
        $"Sync over async on a Braid loop: {(strand is CallbackStrand ? "Task code" : strand.Name)} blocked the loop thread (Task.Wait, .Result, " +
        $".GetAwaiter().GetResult() or another blocking wait) for over {BlockingGrace.TotalMilliseconds:0} ms while work " +
        "was waiting for the loop. The loop has one thread: if the task waited for needs the loop to finish (its " +
        "continuations run here), it never will. Await it instead of blocking.");
}
