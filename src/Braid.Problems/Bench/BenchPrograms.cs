namespace Braid.Problems.Bench;

/// <summary>
/// The explorer benchmark's three bugs, written for Braid as ../shared/anchors/coyote/Programs writes them for
/// Coyote: the same actors, the same semaphores, a scheduling point at each wait (Coyote schedules there too), and
/// the same assertions. Each has a buggy and a correct form.
/// </summary>
internal static class BenchPrograms
{
    public static readonly (string Name, Func<Coroutine> Buggy, Func<Coroutine> Correct)[] All =
    [
        ("dining-philosophers", () => Dining(buggy: true), () => Dining(buggy: false)),
        ("reusable-barrier", () => ReusableBarrier(buggy: true), () => ReusableBarrier(buggy: false)),
        ("readers-writer", () => ReadersWriter(buggy: true), () => ReadersWriter(buggy: false)),
    ];

    private static async Coroutine Wait(AsyncSemaphore s)
    {
        await Loop.Yield();
        await s.Acquire();
    }

    /// <summary>Five philosophers; buggy, all take the left fork first and can deadlock; correct, the last takes the lower fork first.</summary>
    private static async Coroutine Dining(bool buggy)
    {
        const int n = 5;
        var forks = Enumerable.Range(0, n).Select(_ => new AsyncSemaphore(1)).ToArray();
        var meals = 0;
        await TaskGroup.RunAsync(group =>
        {
            for (var i = 0; i < n; i++)
            {
                int left = i, right = (i + 1) % n;
                var (first, second) = !buggy && left > right ? (right, left) : (left, right);
                group.Spawn(async () =>
                {
                    await Wait(forks[first]);
                    await Wait(forks[second]);
                    meals++;
                    forks[second].Release();
                    forks[first].Release();
                });
            }
            return Coroutine.CompletedCoroutine;
        });
        if (meals != n) throw new ViolationException("every philosopher eats", $"only {meals} of {n} ate");
    }

    /// <summary>Three threads, three phases; buggy, one turnstile whose count the last arrival resets, so a fast thread laps.</summary>
    private static async Coroutine ReusableBarrier(bool buggy)
    {
        const int threads = 3, phases = 3;
        var mutex = new AsyncSemaphore(1);
        var turnstile = new AsyncSemaphore(0);
        var turnstile2 = new AsyncSemaphore(0);
        var count = 0;
        var finished = new int[phases];
        async Coroutine SignalAndWait()
        {
            await Wait(mutex);
            if (++count == threads)
            {
                if (buggy) count = 0;
                for (var i = 0; i < threads; i++) turnstile.Release();
            }
            mutex.Release();
            await Wait(turnstile);
            if (buggy) return;
            await Wait(mutex);
            if (--count == 0)
            {
                for (var i = 0; i < threads; i++) turnstile2.Release();
            }
            mutex.Release();
            await Wait(turnstile2);
        }
        await TaskGroup.RunAsync(group =>
        {
            for (var t = 0; t < threads; t++)
            {
                var id = t;
                group.Spawn(async () =>
                {
                    for (var phase = 0; phase < phases; phase++)
                    {
                        finished[phase]++;
                        await SignalAndWait();
                        if (finished[phase] != threads)
                        {
                            throw new ViolationException("nobody passes barrier k before all finished phase k",
                                $"thread {id} passed barrier {phase} while only {finished[phase]}/{threads} had finished it");
                        }
                    }
                });
            }
            return Coroutine.CompletedCoroutine;
        });
    }

    /// <summary>Two readers and a writer, two rounds each; buggy, the first reader lets go of the mutex before locking the room.</summary>
    private static async Coroutine ReadersWriter(bool buggy)
    {
        var mutex = new AsyncSemaphore(1);
        var roomEmpty = new AsyncSemaphore(1);
        int readers = 0, readersInside = 0, writersInside = 0;
        await TaskGroup.RunAsync(group =>
        {
            for (var r = 0; r < 2; r++)
            {
                group.Spawn(async () =>
                {
                    for (var i = 0; i < 2; i++)
                    {
                        await Wait(mutex);
                        readers++;
                        if (buggy)
                        {
                            var first = readers == 1;
                            mutex.Release();
                            if (first) await Wait(roomEmpty);
                        }
                        else
                        {
                            if (readers == 1) await Wait(roomEmpty);
                            mutex.Release();
                        }
                        readersInside++;
                        if (writersInside != 0) throw new ViolationException("a writer is alone", "a reader is inside with a writer");
                        await Loop.Yield();
                        readersInside--;
                        await Wait(mutex);
                        if (--readers == 0) roomEmpty.Release();
                        mutex.Release();
                    }
                });
            }
            group.Spawn(async () =>
            {
                for (var i = 0; i < 2; i++)
                {
                    await Wait(roomEmpty);
                    writersInside++;
                    if (readersInside != 0 || writersInside != 1) throw new ViolationException("a writer is alone", $"a writer entered with {readersInside} readers inside");
                    await Loop.Yield();
                    writersInside--;
                    roomEmpty.Release();
                }
            });
            return Coroutine.CompletedCoroutine;
        });
    }
}
