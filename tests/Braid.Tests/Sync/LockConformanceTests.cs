namespace Braid.Tests.Sync;

/// <summary>The same exclusion, fairness and cancellation checks over every lock-like primitive, under 100 seeds each.</summary>
public class LockConformanceTests
{
    [Theory]
    [MemberData(nameof(LockLike.Names), MemberType = typeof(LockLike))]
    public void OnlyOneStrandIsInside_AtATime(string kind) => Seeds.Run(async () =>
    {
        var l = LockLike.Create(kind);
        var inside = 0;
        var entries = 0;
        await TaskGroup.RunAsync(group =>
        {
            for (var w = 0; w < 5; w++)
            {
                group.Spawn(async () =>
                {
                    for (var i = 0; i < 10; i++)
                    {
                        await l.Acquire();
                        try
                        {
                            Assert.Equal(1, ++inside);
                            entries++;
                            await Loop.Yield();
                            Assert.Equal(1, inside);
                        }
                        finally
                        {
                            inside--;
                            l.Release();
                        }
                    }
                });
            }
            return Coroutine.CompletedCoroutine;
        });
        Assert.Equal(50, entries);
        Assert.True(l.IsFree());
    });

    [Theory]
    [MemberData(nameof(LockLike.Names), MemberType = typeof(LockLike))]
    public void HundredWaiters_AreServedInArrivalOrder(string kind) => Seeds.Run(async () =>
    {
        var l = LockLike.Create(kind);
        var served = new List<int>();
        await l.Acquire();
        await TaskGroup.RunAsync(async group =>
        {
            for (var i = 0; i < 100; i++)
            {
                var id = i;
                group.Spawn(async () =>
                {
                    await l.Acquire();
                    served.Add(id);
                    await Loop.Yield(); // hold across a switch: later arrivals must still wait their turn
                    l.Release();
                });
                await Seeds.Until(() => l.Waiting() == id + 1); // queue them in a known order
            }
            l.Release();
        });
        Assert.Equal(Enumerable.Range(0, 100), served);
        Assert.True(l.IsFree());
    });

    [Theory]
    [MemberData(nameof(LockLike.Names), MemberType = typeof(LockLike))]
    public void CancellingAQueuedWaiter_AtAnyPosition_LosesNoPermit(string kind)
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
                await l.Acquire();
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
                                await l.Acquire();
                                served.Add(id);
                                l.Release();
                            });
                        });
                        await Seeds.Until(() => l.Waiting() == id + 1);
                    }
                    scopes[cancelled].Cancel();
                    await Seeds.Until(() => l.Waiting() == waiters - 1);
                    l.Release();
                });
                Assert.Equal(Enumerable.Range(0, waiters).Where(i => i != cancelled), served);
                Assert.True(scopes[cancelled].CancelledCaught);
                Assert.True(l.IsFree());
            });
        }
    }

    [Theory]
    [MemberData(nameof(LockLike.Names), MemberType = typeof(LockLike))]
    public void AWaiterCancelledAsItIsGranted_KeepsTheGrant_AndPassesItOn(string kind) => Seeds.Run(async () =>
    {
        var l = LockLike.Create(kind);
        var log = new List<string>();
        var scope = (CancelScope?)null;
        await l.Acquire();
        await TaskGroup.RunAsync(async group =>
        {
            group.Spawn(async () =>
            {
                scope = new CancelScope();
                await scope.RunAsync(async () =>
                {
                    await l.Acquire(); // granted: returns normally even though the scope is cancelled by now
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
            await Seeds.Until(() => l.Waiting() == 1);
            group.Spawn(async () =>
            {
                await l.Acquire();
                log.Add("second got it");
                l.Release();
            });
            await Seeds.Until(() => l.Waiting() == 2);
            l.Release(); // grants the first waiter...
            scope!.Cancel(); // ...which is cancelled in the same instant
        });
        Assert.Equal(["first got it", "second got it"], log);
        Assert.True(l.IsFree());
    });

    [Theory]
    [MemberData(nameof(LockLike.Names), MemberType = typeof(LockLike))]
    public void AcquireWithCancellationPending_TakesNothing(string kind) => Seeds.Run(async () =>
    {
        var l = LockLike.Create(kind);
        var scope = new CancelScope();
        await scope.RunAsync(async () =>
        {
            scope.Cancel();
            await l.Acquire();
            Assert.Fail("acquired despite a pending cancellation");
        });
        Assert.True(scope.CancelledCaught);
        Assert.True(l.IsFree());
    });
}
