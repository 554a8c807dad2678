using Braid.Tests.Conformance;

namespace Braid.Tests.Sync;

/// <summary>
/// The same exclusion and fairness checks over every lock-like primitive, each on its own family: coroutine
/// primitives on a loop under 100 seeds, thread primitives (Braid's and .NET's) on OS threads; then the cancellation
/// checks over the coroutine primitives. <see cref="BrokenLock_FailsTheChecks"/> runs the checks over a lock that
/// does not exclude, to show they can fail.
/// </summary>
public class LockConformanceTests
{
    private const int Contenders = 5;
    private const int Rounds = 10;

    /// <summary>
    /// Five contenders take the lock ten times each; each holds it until another contender is blocked at the lock
    /// (or has got in too, or none is left to try), so a lock that lets a second one in is caught every time, on
    /// threads as on a loop, and no check relies on timing.
    /// </summary>
    private static async Task Exclusion(Scene scene, LockLike l)
    {
        var inside = 0;
        var entries = 0;
        var finished = 0; // counted by the check itself: a contender not started yet is still to come
        for (var w = 0; w < Contenders; w++)
        {
            scene.Start(async () =>
            {
                for (var i = 0; i < Rounds; i++)
                {
                    await l.Acquire();
                    try
                    {
                        var now = Interlocked.Increment(ref inside);
                        Assert.True(now == 1, $"{now} contenders inside {l} at once");
                        Interlocked.Increment(ref entries);
                        await scene.Until(
                            () => scene.Blocked() > 0 || Volatile.Read(ref inside) > 1 || Volatile.Read(ref finished) == Contenders - 1,
                            "another contender at the lock");
                        now = Volatile.Read(ref inside);
                        Assert.True(now == 1, $"{now} contenders inside {l} at once");
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inside);
                        l.Release();
                        if (i == Rounds - 1) Interlocked.Increment(ref finished);
                    }
                }
            });
        }
        await scene.AllFinished();
        Assert.Equal(Contenders * Rounds, entries);
        Assert.True(l.IsFree(), $"{l} is still held after every contender released it");
    }

    /// <summary>While the check holds the lock, 100 waiters queue one at a time (each blocked before the next
    /// starts); released, they must be served in exactly that order.</summary>
    private static async Task ArrivalOrder(Scene scene, LockLike l)
    {
        var served = new List<int>();
        await l.Acquire();
        for (var i = 0; i < 100; i++)
        {
            var id = i;
            scene.Start(async () =>
            {
                await l.Acquire();
                lock (served) served.Add(id);
                await scene.Pause(); // hold across a switch: later arrivals must still wait their turn
                l.Release();
            });
            await scene.Until(() => scene.Blocked() == id + 1, $"waiter {id} blocked in {l}"); // queue them in a known order
        }
        l.Release();
        await scene.AllFinished();
        Assert.True(served.SequenceEqual(Enumerable.Range(0, 100)), $"{l} served its waiters as [{string.Join(", ", served)}], not in arrival order");
        Assert.True(l.IsFree(), $"{l} is still held after every waiter released it");
    }

    [Theory]
    [MemberData(nameof(LockLike.Names), MemberType = typeof(LockLike))]
    public void OnlyOneStrandIsInside_AtATime(string kind) => Check(kind, Exclusion);

    [SkippableTheory]
    [MemberData(nameof(LockLike.Names), MemberType = typeof(LockLike))]
    public void HundredWaiters_AreServedInArrivalOrder(string kind)
    {
        var probe = LockLike.Create(kind);
        Skip.If(probe.Unordered is not null, probe.Unordered);
        Check(kind, ArrivalOrder, threadRuns: 2);
    }

    /// <summary>Runs a check over fresh instances of <paramref name="kind"/>, on its family.</summary>
    private static void Check(string kind, Func<Scene, LockLike, Task> check, int threadRuns = 10) =>
        Scene.Run(LockLike.Create(kind).Family, scene => check(scene, LockLike.Create(kind)), threadRuns: threadRuns);

    /// <summary>The checks, by name, for the broken lock.</summary>
    public static IEnumerable<object[]> ChecksOverBroken() =>
        from broken in LockLike.BrokenNames().Select(b => (string)b[0])
        from check in new[] { "exclusion", "arrival order", "cancel a queued waiter", "cancelled as granted" }
        where LockLike.Create(broken).Park is not null || !check.StartsWith("cancel", StringComparison.Ordinal) // threads cannot be cancelled
        select new object[] { broken, check };

    /// <summary>
    /// Proof that the checks can fail: over a lock that lets everyone in, each check that depends on exclusion
    /// throws. The exclusion check fails on its own assertion; the others because the waiters they queue never
    /// queue, which their bounded waits report. (The pending-cancellation check is about cancellation, which the
    /// broken lock, a real semaphore underneath, honours: it is not expected to fail.)
    /// </summary>
    [Theory]
    [MemberData(nameof(ChecksOverBroken))]
    public void BrokenLock_FailsTheChecks(string broken, string check)
    {
        Action run = check switch
        {
            "exclusion" => () => Check(broken, Exclusion),
            "arrival order" => () => Check(broken, ArrivalOrder),
            "cancel a queued waiter" => () => CancellingAQueuedWaiter(broken),
            "cancelled as granted" => () => AWaiterCancelledAsItIsGranted(broken),
            _ => throw new ArgumentException(check),
        };
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(run);
        var expected = check switch
        {
            "exclusion" => "contenders inside Broken",
            "arrival order" => "never happened: waiter 0 blocked in Broken",
            _ => "condition never became true",
        };
        Assert.Contains(expected, error.Message);
    }

    /// <summary>Proof that the arrival-order check can fail on its own assertion: a lock that excludes (it passes the
    /// exclusion check) but serves the newest waiter first is caught serving them backwards.</summary>
    [Theory]
    [MemberData(nameof(LockLike.UnfairNames), MemberType = typeof(LockLike))]
    public void UnfairLock_PassesExclusion_ButFailsArrivalOrder(string unfair)
    {
        Check(unfair, Exclusion);
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Check(unfair, ArrivalOrder, threadRuns: 1));
        Assert.Contains($"{unfair} served its waiters as [99, 98, 97", error.Message);
    }

    private static void SkipUnlessCancellable(string kind) =>
        Skip.If(LockLike.Create(kind).Park is null, "a thread blocked in a thread primitive cannot be cancelled: there is nothing to check");

    [SkippableTheory]
    [MemberData(nameof(LockLike.Names), MemberType = typeof(LockLike))]
    public void CancellingAQueuedWaiter_AtAnyPosition_LosesNoPermit(string kind)
    {
        SkipUnlessCancellable(kind);
        CancellingAQueuedWaiter(kind);
    }

    private static void CancellingAQueuedWaiter(string kind)
    {
        const int waiters = 6;
        for (var position = 0; position < waiters; position++)
        {
            var cancelled = position;
            Seeds.Run(async () =>
            {
                var l = LockLike.Create(kind);
                var served = new List<int>();
                var scopes = new CancelScope[waiters];
                await l.Park!();
                await TaskGroup.RunAsync(async group =>
                {
                    for (var i = 0; i < waiters; i++)
                    {
                        var id = i;
                        group.Spawn(async () =>
                        {
                            scopes[id] = new CancelScope();
                            await scopes[id].RunAsync(async () =>
                            {
                                await l.Park!();
                                served.Add(id);
                                l.Release();
                            });
                        });
                        await Seeds.Until(() => l.Waiting!() == id + 1);
                    }
                    scopes[cancelled].Cancel();
                    await Seeds.Until(() => l.Waiting!() == waiters - 1);
                    l.Release();
                });
                Assert.Equal(Enumerable.Range(0, waiters).Where(i => i != cancelled), served);
                Assert.True(scopes[cancelled].CancelledCaught);
                Assert.True(l.IsFree());
            });
        }
    }

    [SkippableTheory]
    [MemberData(nameof(LockLike.Names), MemberType = typeof(LockLike))]
    public void AWaiterCancelledAsItIsGranted_KeepsTheGrant_AndPassesItOn(string kind)
    {
        SkipUnlessCancellable(kind);
        AWaiterCancelledAsItIsGranted(kind);
    }

    private static void AWaiterCancelledAsItIsGranted(string kind) => Seeds.Run(async () =>
    {
        var l = LockLike.Create(kind);
        var log = new List<string>();
        var scope = (CancelScope?)null;
        await l.Park!();
        await TaskGroup.RunAsync(async group =>
        {
            group.Spawn(async () =>
            {
                scope = new CancelScope();
                await scope.RunAsync(async () =>
                {
                    await l.Park!(); // granted: returns normally even though the scope is cancelled by now
                    try
                    {
                        log.Add("first got it");
                        await Loop.Yield(); // the cancellation arrives here
                        log.Add("not reached");
                    }
                    finally
                    {
                        l.Release();
                    }
                });
            });
            await Seeds.Until(() => l.Waiting!() == 1);
            group.Spawn(async () =>
            {
                await l.Park!();
                log.Add("second got it");
                l.Release();
            });
            await Seeds.Until(() => l.Waiting!() == 2);
            l.Release(); // grants the first waiter...
            scope!.Cancel(); // ...which is cancelled in the same instant
        });
        Assert.Equal(["first got it", "second got it"], log);
        Assert.True(l.IsFree());
    });

    [SkippableTheory]
    [MemberData(nameof(LockLike.Names), MemberType = typeof(LockLike))]
    public void AcquireWithCancellationPending_TakesNothing(string kind)
    {
        SkipUnlessCancellable(kind);
        AcquireWithCancellationPending(kind);
    }

    private static void AcquireWithCancellationPending(string kind) => Seeds.Run(async () =>
    {
        var l = LockLike.Create(kind);
        var scope = new CancelScope();
        await scope.RunAsync(async () =>
        {
            scope.Cancel();
            await l.Park!();
            Assert.Fail("acquired despite a pending cancellation");
        });
        Assert.True(scope.CancelledCaught);
        Assert.True(l.IsFree());
    });
}
