namespace Braid.Benchmarks.Primitives;

/// <summary>Braid's primitives and channels, each on one loop (the normal FIFO scheduler, real time).</summary>
internal static class BraidBenches
{
    public static void LockUncontended(int n) => Loop.Run(async () =>
    {
        var l = new AsyncLock();
        for (var i = 0; i < n; i++)
        {
            await l.Acquire();
            l.Release();
        }
    });

    /// <summary>Four strands take turns: each holds the lock across a yield, so every acquire but the first waits and is handed the lock.</summary>
    public static void LockContended(int n) => Loop.Run(async () =>
    {
        var l = new AsyncLock();
        await TaskGroup.RunAsync(group =>
        {
            for (var w = 0; w < 4; w++)
            {
                group.Spawn(async () =>
                {
                    for (var i = 0; i < n / 4; i++)
                    {
                        await l.Acquire();
                        await Loop.Yield();
                        l.Release();
                    }
                });
            }
            return Coroutine.CompletedCoroutine;
        });
    });

    public static void SemaphoreUncontended(int n) => Loop.Run(async () =>
    {
        var s = new AsyncSemaphore(4);
        for (var i = 0; i < n; i++)
        {
            await s.Acquire();
            s.Release();
        }
    });

    /// <summary>One waiter and one setter per round, with a fresh event each round.</summary>
    public static void EventSetWait(int n) => Loop.Run(async () =>
    {
        var (tx, rx) = MemoryChannel.Open<Event>(1);
        var waiter = Loop.Spawn(async () =>
        {
            for (var i = 0; i < n; i++) await (await rx.Receive()).Wait();
        });
        for (var i = 0; i < n; i++)
        {
            var e = new Event();
            await tx.Send(e);
            await Loop.Yield(); // let the waiter park on it
            e.Set();
        }
        await waiter.Join();
    });

    /// <summary>Producers send <paramref name="n"/> items in total through one channel to consumers; returns the sum received.</summary>
    public static long Channel(int n, int? capacity, int producers, int consumers) => Loop.Run(async () =>
    {
        var (tx, rx) = capacity is { } c ? MemoryChannel.Open<int>(c) : MemoryChannel.OpenUnbounded<int>();
        long sum = 0;
        await TaskGroup.RunAsync(group =>
        {
            for (var p = 0; p < producers; p++)
            {
                var mine = tx.Clone();
                var first = p;
                group.Spawn(async () =>
                {
                    for (var i = first; i < n; i += producers) await mine.Send(i);
                    mine.Close();
                });
            }
            tx.Close();
            for (var k = 0; k < consumers; k++)
            {
                var mine = rx.Clone();
                group.Spawn(async () =>
                {
                    long local = 0;
                    await foreach (var item in mine) local += item;
                    sum += local;
                });
            }
            return Coroutine.CompletedCoroutine;
        });
        return sum;
    });
}
