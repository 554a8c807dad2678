namespace Braid.Tests.Sync;

public class ConditionTests
{
    [Fact]
    public void WaitFor_ReturnsOnceThePredicateHolds_HoldingTheLock() => Seeds.Run(async () =>
    {
        var cv = new Condition(name: "items");
        var items = new Queue<int>();
        var taken = new List<int>();
        await TaskGroup.RunAsync(group =>
        {
            for (var c = 0; c < 3; c++)
            {
                group.Spawn(async () =>
                {
                    for (var i = 0; i < 4; i++)
                    {
                        await cv.Acquire();
                        try
                        {
                            await cv.WaitFor(() => items.Count > 0);
                            Assert.Equal(Loop.CurrentStrand, cv.Lock.Owner);
                            taken.Add(items.Dequeue());
                        }
                        finally
                        {
                            cv.Release();
                        }
                    }
                });
            }
            group.Spawn(async () =>
            {
                for (var i = 0; i < 12; i++)
                {
                    await cv.Acquire();
                    items.Enqueue(i);
                    cv.Notify();
                    cv.Release();
                    await Loop.Yield();
                }
            });
            return Coroutine.CompletedCoroutine;
        });
        Assert.Equal(Enumerable.Range(0, 12), taken.Order());
    });

    [Fact]
    public void NotifyAll_WakesEveryWaiter_AndNotifyWakesInArrivalOrder() => Seeds.Run(async () =>
    {
        var cv = new Condition();
        var woken = new List<int>();
        await TaskGroup.RunAsync(async group =>
        {
            for (var i = 0; i < 5; i++)
            {
                var id = i;
                group.Spawn(async () =>
                {
                    await cv.Acquire();
                    try
                    {
                        await cv.Wait();
                        woken.Add(id);
                    }
                    finally
                    {
                        cv.Release();
                    }
                });
                await Seeds.Until(() => cv.Waiting == id + 1);
            }
            await cv.Acquire();
            cv.Notify(2);
            cv.Release();
            await Seeds.Until(() => woken.Count == 2);
            Assert.Equal([0, 1], woken.Order()); // the two longest waiters, in whatever order they retake the lock
            await cv.Acquire();
            cv.NotifyAll();
            cv.Release();
        });
        Assert.Equal(5, woken.Count);
    });

    [Fact]
    public void CancelledWait_StillReacquiresTheLock() => Seeds.Run(async () =>
    {
        var cv = new Condition();
        var heldAfterCancel = false;
        var scope = (CancelScope?)null;
        await TaskGroup.RunAsync(async group =>
        {
            group.Spawn(async () =>
            {
                await cv.Acquire();
                try
                {
                    scope = new CancelScope();
                    await scope.RunAsync(() => cv.Wait());
                    heldAfterCancel = cv.Lock.Owner == Loop.CurrentStrand;
                }
                finally
                {
                    cv.Release();
                }
            });
            await Seeds.Until(() => cv.Waiting == 1);
            await cv.Acquire(); // we hold the lock while the waiter is cancelled: it must wait for us
            scope!.Cancel();
            await Loop.Yield();
            cv.Release();
        });
        Assert.True(heldAfterCancel);
        Assert.True(scope!.CancelledCaught);
        Assert.False(cv.Lock.IsLocked);
    });

    [Fact]
    public void WaitWithoutTheLock_IsAnError() => Seeds.Run(async () =>
    {
        var cv = new Condition();
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await cv.Wait());
    });
}
