using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Braid;

/// <summary>
/// The kernel: one thread, one run queue, one timer heap, one inbox for other threads.
///
/// Design, after curio's kernel.py: keep the kernel small and build everything else outside it. The kernel knows
/// how to run a strand until it suspends, how to park a strand on a wait site (<see cref="IWaitSite"/>) and wake it,
/// and how to deliver cancellation. It knows nothing of locks, queues or channels: those are built on
/// <see cref="WaitQueue"/>. Coroutines reach the kernel through traps (<see cref="YieldAwaitable"/>,
/// <see cref="ParkAwaitable"/>), the one place where a frame suspends.
///
/// Nothing here is thread-safe except the inbox: every other member runs on the loop thread.
/// </summary>
internal sealed class Kernel
{
    [ThreadStatic] private static Kernel? t_current;

    private readonly RunQueue _runQueue;
    private readonly Timers _timers = new();
    private readonly bool _virtualTime;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly List<Strand> _unjoinedFailures = new();
    private long _virtualNow;
    private int _nextStrandId = 1;
    private int _liveStrands;
    private bool _closed;

    public Kernel(RunOptions options)
    {
        _runQueue = new RunQueue(options.Seed, options.Chooser);
        Seed = options.Seed;
        _virtualTime = options.VirtualTime;
        Listener = options.Listener;
        Inbox = new Inbox(options.IdleWait);
        RootScope = CancelScope.CreateRoot(this);
        TaskContext = new LoopSynchronizationContext(this);
        TaskScheduler = new LoopTaskScheduler(TaskContext);
        TimeProvider = new LoopTimeProvider(this);
    }

    /// <summary>The SynchronizationContext installed on the loop thread while the loop runs: plain Task code's awaits come back here.</summary>
    public LoopSynchronizationContext TaskContext { get; }

    /// <summary>The TaskScheduler that runs tasks on this loop.</summary>
    public TaskScheduler TaskScheduler { get; }

    /// <summary>The loop's clock and timers as a TimeProvider.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>True when something waits for the loop: a runnable strand or a callback posted from another thread.</summary>
    public bool HasWorkWaiting => _runQueue.Count > 0 || !Inbox.IsEmpty;

    /// <summary>The loop running on this thread, or null.</summary>
    public static Kernel? Current => t_current;

    /// <summary>
    /// Lends this loop to a green thread's OS thread for its turns (null takes it back): while the green thread runs,
    /// the loop thread waits for it, so the kernel still runs on one thread at a time (see GreenThread).
    /// </summary>
    internal static void LendToThisThread(Kernel? kernel) => t_current = kernel;

    /// <summary>The loop running on this thread; throws a clear error outside a loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Kernel Require() => t_current ?? throw NotOnALoop();

    private static InvalidOperationException NotOnALoop() =>
        new("Braid coroutines run on a Braid loop: this code awaited a Braid operation outside Loop.Run(...).");

    public IKernelListener? Listener { get; }

    /// <summary>The deterministic-mode seed, or null: lets code outside the kernel (select) make seeded random choices.</summary>
    public int? Seed { get; }

    public CancelScope RootScope { get; }

    public Inbox Inbox { get; }

    /// <summary>The strand running now; null between turns.</summary>
    public Strand? CurrentStrand { get; private set; }

    /// <summary>Waits outside the loop that will post back (foreign tasks, open handles): while any, idle is not deadlock.</summary>
    public int Outstanding { get; set; }

    /// <summary>Scopes cancelled and not yet exited; zero lets a checkpoint skip the walk up the scope chain.</summary>
    public int CancelledScopes { get; private set; }

    // The same count over every loop in the process: a checkpoint that reads zero here needs no thread-static lookup
    // at all (the common case, so it is worth one interlocked add per cancel).
    private static int s_cancelledScopesAllLoops;

    /// <summary>True when no loop in the process has a cancelled scope: a checkpoint can return at once.</summary>
    public static bool NothingCancelledAnywhere => Volatile.Read(ref s_cancelledScopesAllLoops) == 0;

    public void CountCancelledScope(int delta)
    {
        CancelledScopes += delta;
        Interlocked.Add(ref s_cancelledScopesAllLoops, delta);
    }

    public bool IsClosed => _closed;

    /// <summary>True when the loop runs on virtual time (Braid.IO refuses real I/O then: see Poller).</summary>
    public bool VirtualTime => _virtualTime;

    /// <summary>Loop time in TimeSpan ticks since the loop started (virtual time in deterministic runs).</summary>
    public long Now => _virtualTime ? _virtualNow : Stopwatch.GetElapsedTime(_startTimestamp).Ticks;

    public Strand CurrentOrThrow() => CurrentStrand ?? throw new InvalidOperationException(
        "This Braid operation must run inside a strand (a coroutine started by Loop.Run or spawned), not in a loop callback.");

    public Timers Timers => _timers;

    // ---- running ---------------------------------------------------------------------------------------------

    /// <summary>Runs <paramref name="main"/> and everything it spawns until all have finished; returns main's strand.</summary>
    public Strand<T> Run<T>(Delegate main)
    {
        if (t_current is not null) throw new InvalidOperationException("A Braid loop is already running on this thread; loops do not nest. Spawn a strand instead.");
        t_current = this;
        var outerContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(TaskContext); // plain Task code awaited here comes back to the loop
        try
        {
            var mainStrand = Spawn<T>(main, RootScope, "main");
            Loop(mainStrand);
            return mainStrand;
        }
        finally
        {
            _closed = true;
            Inbox.Close(); // calls from other threads still queued, or made from now on, fail instead of waiting forever
            t_current = null;
            SynchronizationContext.SetSynchronizationContext(outerContext);
            (Inbox.IdleWait as IDisposable)?.Dispose(); // a poller's descriptors leave with its loop
            // Scopes still counted as cancelled (the root scope, scopes left open by a deadlock) leave with the loop.
            CountCancelledScope(-CancelledScopes);
        }
    }

    private void Loop(Strand main)
    {
        var mainDone = false;
        while (true)
        {
            RunBatch();
            if (_runQueue.Count > 0) Inbox.PollNow(); // still busy: I/O gets a look once a batch (as Go's scheduler polls)
            if (!mainDone && main.IsFinished)
            {
                // Main is done: what it left running is cancelled, as asyncio.run does, and waited for.
                mainDone = true;
                if (_liveStrands > 0) RootScope.Cancel();
            }
            if (_liveStrands == 0) return;
            if (!Inbox.IsEmpty) Inbox.Drain();
            if (_timers.TryPeek(out var due))
            {
                if (_runQueue.Count > 0 || due <= Now)
                {
                    _timers.FireDue(Now, this);
                    continue;
                }
                if (_virtualTime)
                {
                    // Autojump: nothing on the loop can happen before the next timer, so skip to it. Work outside
                    // the loop gets a brief real-time chance to post first (as Trio's autojump threshold does).
                    if (Outstanding > 0)
                    {
                        Inbox.Wait(TimeSpan.FromMilliseconds(1));
                        if (!Inbox.IsEmpty) continue;
                    }
                    _virtualNow = due;
                    continue;
                }
                Inbox.Wait(TimeSpan.FromTicks(due - Now));
                continue;
            }
            if (_runQueue.Count > 0) continue;
            if (Outstanding > 0)
            {
                Inbox.Wait(null);
                continue;
            }
            throw new DeadlockException(BlockedStrands());
        }
    }

    /// <summary>Most turns between two looks at the inbox and the timers: bounds their latency, amortises their cost.</summary>
    private const int TurnsPerBatch = 256;

    /// <summary>Gives turns to runnable strands until none is left or the batch is used up.</summary>
    private void RunBatch()
    {
        for (var n = TurnsPerBatch; n > 0 && _runQueue.TryDequeue(out var strand); n--)
        {
            Step(strand);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Step(Strand strand)
    {
        // A strand that finished while it was queued (it abandoned a yield it never awaited) has nothing to run.
        if (strand.StateValue == StrandState.Finished) return;
        CurrentStrand = strand;
        strand.StateValue = StrandState.Running;
        Listener?.OnSwitch(strand);
        var frame = strand.ResumeFrame;
        if (frame is null)
        {
            strand.Start(); // the first turn, or a resume of the root frame (see SuspendCurrent)
        }
        else
        {
            strand.ResumeFrame = null;
            frame.Resume();
        }
        CurrentStrand = null;
    }

    // ---- the trap: suspending and waking ---------------------------------------------------------------------

    /// <summary>
    /// Suspends the current strand at a trap, keeping <paramref name="frame"/> to resume. A strand with no wait site
    /// is yielding and goes to the back of the run queue; one with a site sleeps until the site wakes it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SuspendCurrent(IResumable frame)
    {
        var strand = CurrentOrThrow();
        // One suspension per turn: a second means a coroutine was started while another still waited unawaited.
        if (strand.StateValue != StrandState.Running || _spawning) throw SuspensionRefused(strand);
        // Null stands for the strand's own root frame, the usual case: saves a reference store on every switch.
        if (!ReferenceEquals(frame, strand)) strand.ResumeFrame = frame;
        if (strand.Site is null)
        {
            strand.StateValue = StrandState.Runnable;
            _runQueue.Enqueue(strand);
        }
        else
        {
            strand.StateValue = StrandState.Parked;
            Listener?.OnBlock(strand, strand.Site);
        }
    }

    /// <summary>Runs <paramref name="resume"/> at the current strand's next turn, from the kernel's shallow stack.</summary>
    public void ResumeLater(Action resume) => SuspendCurrent(new ActionResumable(resume));

    /// <summary>Records that <paramref name="strand"/> is about to park on <paramref name="site"/>.</summary>
    public void PrepareToPark(Strand strand, IWaitSite site)
    {
        if (strand.Site is not null || strand.StateValue != StrandState.Running || _spawning) throw SuspensionRefused(strand);
        strand.Site = site;
        strand.ParkCount++;
        strand.Scope.AddParked(strand);
    }

    private InvalidOperationException SuspensionRefused(Strand strand) => _spawning ? Misuse.SpawnBodyWaited() : Misuse.SecondSuspension(strand);

    /// <summary>
    /// At the await of a parked operation: checks that it is the current strand's pending park (the token is the
    /// strand's park count when it parked), so an operation awaited twice, or by another strand, fails here instead
    /// of reading a pooled node someone else now uses. Then, like <see cref="AbortIfCancelPending"/>, withdraws the
    /// park if a cancellation is pending and returns true.
    /// </summary>
    public bool BeginAwaitPark(int token)
    {
        var strand = CurrentOrThrow();
        if (strand.Site is null || strand.ParkCount != token)
        {
            Withdraw(strand); // a park still pending belongs to an operation never awaited: let go of it first
            throw Misuse.StaleAwait(strand);
        }
        return AbortIfCancelPending();
    }

    /// <summary>
    /// Lets go of whatever the current strand is registered on without having suspended (a park it never awaited),
    /// so a misuse leaves no registration behind that could wake the strand later.
    /// </summary>
    public void Withdraw(Strand strand)
    {
        if (strand.Site is not { } site) return;
        site.Abort(strand);
        strand.Scope.RemoveParked(strand);
        strand.Site = null;
        strand.Wake = WakeReason.None;
    }

    /// <summary>
    /// Called when a strand finishes during a turn in which it had already suspended: a coroutine it started was
    /// left waiting, never awaited. Its registration goes (a site that cannot abort will find it finished and skip it).
    /// </summary>
    public void Abandon(Strand strand)
    {
        Withdraw(strand); // a parked strand always has a site; a yielded one has none, and Withdraw leaves it be
        strand.ResumeFrame = null;
    }

    /// <summary>Makes a parked strand runnable; the site has already let go of it.</summary>
    public void Wake(Strand strand, WakeReason reason = WakeReason.Granted)
    {
        if (strand.StateValue == StrandState.Finished) return; // abandoned by a misuse (see Abandon)
        strand.Scope.RemoveParked(strand);
        strand.Site = null;
        strand.Wake = reason;
        strand.StateValue = StrandState.Runnable;
        _runQueue.Enqueue(strand);
        Listener?.OnWake(strand);
    }

    /// <summary>At a park: if a cancellation is pending, withdraws the registration and returns true (do not sleep).</summary>
    public bool AbortIfCancelPending()
    {
        var strand = CurrentOrThrow();
        if (CancelledScopes == 0 || CancelScope.PendingFor(strand) is null) return false;
        if (strand.Site is { } site && site.Abort(strand))
        {
            strand.Scope.RemoveParked(strand);
            strand.Site = null;
            strand.Wake = WakeReason.Cancelled;
            return true;
        }
        return false;
    }

    /// <summary>After a park: throws <see cref="CancelledException"/> if the wait ended by cancellation.</summary>
    public void EndWait()
    {
        var strand = CurrentOrThrow();
        var reason = strand.Wake;
        strand.Wake = WakeReason.None;
        if (reason == WakeReason.Cancelled) throw new CancelledException(CancelScope.PendingFor(strand));
    }

    /// <summary>At a checkpoint: throws <see cref="CancelledException"/> if the current strand's scope is cancelled.</summary>
    public void ThrowIfCancelPending()
    {
        if (CancelledScopes == 0) return;
        if (CancelScope.PendingFor(CurrentOrThrow()) is { } scope) throw new CancelledException(scope);
    }

    /// <summary>Cancels a parked strand's wait if its site allows; it then wakes with <see cref="CancelledException"/>.</summary>
    public void TryAbort(Strand strand)
    {
        if (strand.StateValue == StrandState.Parked && strand.Site is { } site && site.Abort(strand))
        {
            Wake(strand, WakeReason.Cancelled);
        }
    }

    /// <summary>Parks the current strand on a foreign awaitable (a Task); returns the callback that brings it back.</summary>
    public Action BeginForeignWait(IResumable frame)
    {
        var wait = ForeignWait.Begin(this, abortable: false);
        SuspendCurrent(frame);
        return wait.OnForeignCompleted;
    }

    // ---- strands --------------------------------------------------------------------------------------------

    // The spawn in progress, if any: the builder of the body's root coroutine takes it (see StrandFrames). While a
    // body runs (_spawning), nothing may suspend the spawning strand: a body hands back a coroutine, it does not wait.
    private SpawnRequest? _spawnRequest;
    private Strand? _spawned;
    private bool _spawning;

    /// <summary>
    /// Spawns a strand running <paramref name="body"/> (a Func of Coroutine of T, or of Coroutine when T is VoidResult).
    /// The body is called now, but its root coroutine does not run: its builder turns it into the strand, which
    /// starts at its first turn. A body that misuses the runtime spawns nothing: the strand is registered only
    /// once the body has handed back the coroutine that became it.
    /// </summary>
    public Strand<T> Spawn<T>(Delegate body, CancelScope scope, string? name)
    {
        if (_closed) throw new InvalidOperationException("This loop has finished; nothing more can be spawned on it.");
        if (scope.Kernel != this) throw Misuse.OtherLoop("The scope to spawn into");
        var request = new SpawnRequest(scope, name, _nextStrandId++, typeof(T));
        // A body may itself spawn: keep the outer spawn's state and put it back after.
        var (outerRequest, outerSpawned, outerSpawning) = (_spawnRequest, _spawned, _spawning);
        (_spawnRequest, _spawned, _spawning) = (request, null, true);
        Coroutine<T> root = default;
        Exception? bodyError = null;
        Strand? spawned;
        try
        {
            root = body is Func<Coroutine<T>> typed ? typed() : FromVoid<T>(((Func<Coroutine>)body)());
        }
        catch (Exception e)
        {
            bodyError = e;
        }
        finally
        {
            spawned = _spawned;
            (_spawnRequest, _spawned, _spawning) = (outerRequest, outerSpawned, outerSpawning);
        }
        if (spawned is not null)
        {
            if (!ReferenceEquals(spawned, root.Frame)) throw Misuse.Is(bodyError) ? bodyError! : Misuse.SpawnBodyNotStraight();
            Register(spawned);
            return (Strand<T>)spawned;
        }
        if (Misuse.Is(bodyError)) throw bodyError!;
        var strand = new CoroutineStrand<T>(request, root, bodyError);
        Register(strand);
        return strand;
    }

    /// <summary>Runs a callback of plain Task code as a strand of its own in the root scope, ordered by the run queue like any strand.</summary>
    public void SpawnCallback(Action run, string name)
    {
        if (_closed) return; // the loop has ended: Task code still pending then is abandoned with it
        Register(new CallbackStrand(new SpawnRequest(RootScope, name, _nextStrandId++, typeof(VoidResult)), run));
    }

    /// <summary>Called by a builder at a coroutine's start: hands over the spawn in progress if the result type fits.</summary>
    public bool TryTakeSpawnRequest(Type resultType, out SpawnRequest request)
    {
        if (_spawnRequest is { } pending && pending.ResultType == resultType)
        {
            _spawnRequest = null;
            request = pending;
            return true;
        }
        request = default;
        return false;
    }

    /// <summary>Records the strand a builder made from the spawn in progress; <see cref="Spawn{T}"/> registers it.</summary>
    public void RegisterSpawned(Strand strand) => _spawned = strand;

    /// <summary>Makes a new strand known to its scope and runnable.</summary>
    private void Register(Strand strand)
    {
        _liveStrands++;
        strand.StateValue = StrandState.Runnable;
        _runQueue.Enqueue(strand);
        Listener?.OnSpawn(strand);
    }

    // A Coroutine is a Coroutine<VoidResult> in all but name: same frame type.
    private static Coroutine<T> FromVoid<T>(Coroutine c) =>
        c.Frame is null ? new Coroutine<T>(default(T)!) : new Coroutine<T>((IFrame<T>)c.Frame);

    public void OnStrandFinished(Strand strand, Exception? error)
    {
        var group = strand.Group;
        _liveStrands--;
        Listener?.OnFinish(strand, error);
        if (group is not null) group.OnChildFinished(strand, error);
        else if (error is not null and not CancelledException && strand.Id != 1) _unjoinedFailures.Add(strand);
    }

    /// <summary>Failures of background strands that nobody joined: reported by <see cref="Braid.Loop.Run(Func{Coroutine}, RunOptions?)"/>.</summary>
    public IEnumerable<Exception> UnobservedFailures() =>
        _unjoinedFailures.Where(s => !s.FailureObserved).Select(s => s.Exception!);

    private List<Strand> BlockedStrands()
    {
        var blocked = new List<Strand>();
        RootScope.CollectParked(blocked);
        blocked.Sort((a, b) => a.Id.CompareTo(b.Id));
        return blocked;
    }
}
