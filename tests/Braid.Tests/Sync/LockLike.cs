using Braid.Tests.Conformance;

namespace Braid.Tests.Sync;

/// <summary>
/// A lock-like primitive seen through one acquire and one release, so one check runs over all of them: Braid's
/// coroutine primitives, their thread versions, .NET's own, and deliberately broken ones the checks must catch.
/// </summary>
/// <param name="Name">How the theory names it.</param>
/// <param name="Family">Where its contenders run.</param>
/// <param name="Acquire">A step that takes the lock, waiting while another contender holds it.</param>
/// <param name="Release">Gives it back (on a thread, from the thread that took it).</param>
/// <param name="IsFree">Nobody holds it.</param>
public sealed record LockLike(string Name, Family Family, Func<Step> Acquire, Action Release, Func<bool> IsFree)
{
    /// <summary>For coroutine primitives: the acquire itself, for the cancellation checks (thread primitives cannot be cancelled).</summary>
    public Func<ParkAwaitable>? Park { get; init; }

    /// <summary>For coroutine primitives: how many strands wait.</summary>
    public Func<int>? Waiting { get; init; }

    /// <summary>Why waiters are not served in arrival order, when they are not (then the FIFO check is skipped).</summary>
    public string? Unordered { get; init; }

    public override string ToString() => Name;

    /// <summary>Every correct lock-like primitive (Trio's test_sync does the same over its lock factories).</summary>
    public static IEnumerable<object[]> Names() =>
        new[]
        {
            "Lock", "ReentrantLock", "Semaphore(1)", "BoundedSemaphore(1)", "CapacityLimiter(1)", "ReadersWriterLock.Write", "Condition.Lock",
            "ThreadLock", "ThreadSemaphore(1)", "ThreadBoundedSemaphore(1)", "SemaphoreSlim(1, 1)", "System.Threading.Lock",
        }.Select(n => new object[] { n });

    /// <summary>The deliberately broken ones, one per family: a semaphore of a million permits passed off as a lock.</summary>
    public static IEnumerable<object[]> BrokenNames() => new[] { "Broken (coroutines)", "Broken (threads)" }.Select(n => new object[] { n });

    /// <summary>Locks that exclude but serve the newest waiter first, one per family.</summary>
    public static IEnumerable<object[]> UnfairNames() => new[] { "Unfair (coroutines)", "Unfair (threads)" }.Select(n => new object[] { n });

    public static LockLike Create(string name) => name switch
    {
        "Lock" => FromLock(new AsyncLock("l"), name),
        "ReentrantLock" => FromReentrant(new ReentrantLock("r")),
        "Semaphore(1)" => FromSemaphore(new AsyncSemaphore(1, "s"), name),
        "BoundedSemaphore(1)" => FromSemaphore(new BoundedSemaphore(1, "b"), name),
        "CapacityLimiter(1)" => FromLimiter(new CapacityLimiter(1, "c")),
        "ReadersWriterLock.Write" => FromReadersWriter(new ReadersWriterLock("rw")),
        "Condition.Lock" => FromLock(new Condition(name: "cv").Lock, name),
        "ThreadLock" => FromThreadLock(new ThreadLock()),
        "ThreadSemaphore(1)" => FromThreadSemaphore(new ThreadSemaphore(1), name),
        "ThreadBoundedSemaphore(1)" => FromThreadSemaphore(new ThreadBoundedSemaphore(1), name),
        "SemaphoreSlim(1, 1)" => FromSemaphoreSlim(new SemaphoreSlim(1, 1)),
        "System.Threading.Lock" => FromSystemLock(new Lock()),
        "Broken (coroutines)" => FromSemaphore(new AsyncSemaphore(Permits, "broken"), name, Permits),
        "Broken (threads)" => FromThreadSemaphore(new ThreadSemaphore(Permits), name, Permits),
        "Unfair (coroutines)" => FromUnfair(new LastComeFirstServedLock(), name),
        "Unfair (threads)" => FromUnfair(new LastComeFirstServedThreadLock(), name),
        _ => throw new ArgumentException(name),
    };

    private const int Permits = 1_000_000;

    private static Func<Step> OnLoop(Func<ParkAwaitable> acquire) => () => new Step(async () => await acquire(), null, mayBlock: true);

    private static Func<Step> OnThread(Action acquire) => () => new Step(null, acquire, mayBlock: true);

    private static LockLike FromLock(AsyncLock l, string name) =>
        new(name, Family.Coroutines, OnLoop(l.Acquire), l.Release, () => !l.IsLocked) { Park = l.Acquire, Waiting = () => l.Statistics().Waiting };

    private static LockLike FromReentrant(ReentrantLock l) =>
        new("ReentrantLock", Family.Coroutines, OnLoop(l.Acquire), l.Release, () => l.Owner is null) { Park = l.Acquire, Waiting = () => l.Statistics().Waiting };

    private static LockLike FromSemaphore(AsyncSemaphore s, string name, int permits = 1) =>
        new(name, Family.Coroutines, OnLoop(s.Acquire), s.Release, () => s.Value == permits) { Park = s.Acquire, Waiting = () => s.Waiting };

    private static LockLike FromLimiter(CapacityLimiter c) =>
        new("CapacityLimiter(1)", Family.Coroutines, OnLoop(c.Acquire), c.Release, () => c.Available == 1) { Park = c.Acquire, Waiting = () => c.Statistics().Waiting };

    private static LockLike FromReadersWriter(ReadersWriterLock rw) =>
        new("ReadersWriterLock.Write", Family.Coroutines, OnLoop(rw.AcquireWrite), rw.ReleaseWrite, () => rw.Writer is null && rw.Readers == 0)
        {
            Park = rw.AcquireWrite,
            Waiting = () => rw.Statistics().Waiting,
        };

    private static LockLike FromUnfair(LastComeFirstServedLock l, string name) =>
        new(name, Family.Coroutines, OnLoop(l.Acquire), l.Release, () => l.IsFree) { Park = l.Acquire, Waiting = () => l.Waiting };

    private static LockLike FromUnfair(LastComeFirstServedThreadLock l, string name) => new(name, Family.Threads, OnThread(l.Acquire), l.Release, () => l.IsFree);

    private static LockLike FromThreadLock(ThreadLock l) => new("ThreadLock", Family.Threads, OnThread(l.Acquire), l.Release, () => l.Owner == 0);

    private static LockLike FromThreadSemaphore(ThreadSemaphore s, string name, int permits = 1) =>
        new(name, Family.Threads, OnThread(s.Acquire), s.Release, () => s.Value == permits);

    private static LockLike FromSemaphoreSlim(SemaphoreSlim s) =>
        new("SemaphoreSlim(1, 1)", Family.Threads, OnThread(() => s.Wait()), () => s.Release(), () => s.CurrentCount == 1)
        {
            Unordered = "SemaphoreSlim does not promise to serve its waiters in arrival order",
        };

    private static LockLike FromSystemLock(Lock l) =>
        new("System.Threading.Lock", Family.Threads, OnThread(l.Enter), l.Exit, () =>
        {
            if (!l.TryEnter()) return false;
            l.Exit();
            return true;
        })
        {
            Unordered = "System.Threading.Lock does not promise to serve its waiters in arrival order",
        };
}
