namespace Braid.Tests.Sync;

public class SemaphoreTests
{
    [Fact]
    public void Semaphore_AdmitsUpToItsValue_AtOnce() => Seeds.Run(async () =>
    {
        var s = new AsyncSemaphore(3, "pool");
        var inside = 0;
        var most = 0;
        await TaskGroup.RunAsync(group =>
        {
            for (var i = 0; i < 10; i++)
            {
                group.Spawn(async () =>
                {
                    await s.Acquire();
                    most = Math.Max(most, ++inside);
                    await Loop.Yield();
                    inside--;
                    s.Release();
                });
            }
            return Coroutine.CompletedCoroutine;
        });
        Assert.Equal(3, most);
        Assert.Equal(3, s.Value);
    });

    [Fact]
    public void BoundedSemaphore_ReleasingPastItsBound_IsAnError() => Seeds.Run(async () =>
    {
        var s = new BoundedSemaphore(2, "b");
        await s.Acquire();
        s.Release();
        var error = Assert.Throws<InvalidOperationException>(s.Release);
        Assert.Contains("past its bound of 2", error.Message);
        Assert.Equal(2, s.Value);
    });

    [Fact]
    public void PlainSemaphore_MayBeReleasedUpwards() => Seeds.Run(() =>
    {
        var s = new AsyncSemaphore(0);
        s.Release();
        s.Release();
        Assert.Equal(2, s.Value);
        return Coroutine.CompletedCoroutine;
    });

    [Fact]
    public void Statistics_NameTheOwnerAndTheWaiters() => Seeds.Run(async () =>
    {
        var l = new AsyncLock("accounts");
        await l.Acquire();
        var waiter = Loop.Spawn(async () =>
        {
            await l.Acquire();
            l.Release();
        }, "clerk");
        await Seeds.Until(() => l.Statistics().Waiting == 1);
        Assert.Equal(new SyncStatistics("Lock 'accounts'", "main", 1, null), l.Statistics());
        Assert.Equal("Lock 'accounts' held by main, 1 waiting", l.ToString());
        Assert.Equal("Lock 'accounts' held by main, 1 waiting", waiter.WaitingOn);
        l.Release();
        await waiter.Join();
    });

    [Fact]
    public void Lock_RefusesReentryAndForeignRelease() => Seeds.Run(async () =>
    {
        var l = new AsyncLock();
        await l.Acquire();
        Assert.Throws<InvalidOperationException>(() => l.Acquire());
        var other = Loop.Spawn(async () =>
        {
            await Loop.Yield();
            Assert.Throws<InvalidOperationException>(l.Release);
        });
        await other.Join();
        l.Release();
    });

    [Fact]
    public void ReentrantLock_IsFreeAfterAsManyReleasesAsAcquires() => Seeds.Run(async () =>
    {
        var l = new ReentrantLock();
        await l.Acquire();
        await l.Acquire();
        Assert.Equal(2, l.Depth);
        l.Release();
        Assert.NotNull(l.Owner);
        l.Release();
        Assert.Null(l.Owner);
    });
}
