namespace Braid.Tests.Sync;

/// <summary>A lock-like primitive seen through one acquire and one release, so one test runs over all of them.</summary>
public sealed record LockLike(string Name, Func<ParkAwaitable> Acquire, Action Release, Func<int> Waiting, Func<bool> IsFree)
{
    public override string ToString() => Name;

    /// <summary>Every lock-like primitive, fresh (Trio's test_sync does the same over its lock factories).</summary>
    public static IEnumerable<object[]> Names() =>
        new[] { "Lock", "ReentrantLock", "Semaphore(1)", "BoundedSemaphore(1)", "CapacityLimiter(1)", "ReadersWriterLock.Write", "Condition.Lock" }
            .Select(n => new object[] { n });

    public static LockLike Create(string name) => name switch
    {
        "Lock" => FromLock(new AsyncLock("l"), name),
        "ReentrantLock" => FromReentrant(new ReentrantLock("r")),
        "Semaphore(1)" => FromSemaphore(new AsyncSemaphore(1, "s"), name),
        "BoundedSemaphore(1)" => FromSemaphore(new BoundedSemaphore(1, "b"), name),
        "CapacityLimiter(1)" => FromLimiter(new CapacityLimiter(1, "c")),
        "ReadersWriterLock.Write" => FromReadersWriter(new ReadersWriterLock("rw")),
        "Condition.Lock" => FromLock(new Condition(name: "cv").Lock, name),
        _ => throw new ArgumentException(name),
    };

    private static LockLike FromLock(AsyncLock l, string name) =>
        new(name, l.Acquire, l.Release, () => l.Statistics().Waiting, () => !l.IsLocked);

    private static LockLike FromReentrant(ReentrantLock l) =>
        new("ReentrantLock", l.Acquire, l.Release, () => l.Statistics().Waiting, () => l.Owner is null);

    private static LockLike FromSemaphore(AsyncSemaphore s, string name) =>
        new(name, s.Acquire, s.Release, () => s.Waiting, () => s.Value == 1);

    private static LockLike FromLimiter(CapacityLimiter c) =>
        new("CapacityLimiter(1)", c.Acquire, c.Release, () => c.Statistics().Waiting, () => c.Available == 1);

    private static LockLike FromReadersWriter(ReadersWriterLock rw) =>
        new("ReadersWriterLock.Write", rw.AcquireWrite, rw.ReleaseWrite, () => rw.Statistics().Waiting, () => rw.Writer is null && rw.Readers == 0);
}
