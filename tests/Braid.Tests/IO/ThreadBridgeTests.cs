using Braid.IO;

namespace Braid.Tests.IO;

[Collection(IoCollection.Name)]
public class ThreadBridgeTests
{
    [Fact]
    public void ToThread_NeverRunsMoreThanItsLimitAtOnce()
    {
        var running = 0;
        var most = 0;
        var results = Loop.Run(async () =>
        {
            var limiter = new CapacityLimiter(3);
            var sum = 0;
            await TaskGroup.RunAsync(async group =>
            {
                for (var i = 0; i < 24; i++)
                {
                    var n = i;
                    group.Spawn(async () =>
                    {
                        var result = await ToThread.RunAsync(() =>
                    {
                        var now = Interlocked.Increment(ref running);
                        InterlockedMax(ref most, now);
                        Thread.Sleep(2); // the blocking call being bridged
                        Interlocked.Decrement(ref running);
                        return n;
                    }, limiter);
                        sum += result;
                    });
                }
            });
            return sum;
        });
        Assert.Equal(Enumerable.Range(0, 24).Sum(), results);
        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public void Cancellation_AbandonsTheThreadAtOnce_ItsLateResultIsDiscarded_AndItsTokenComesBackWhenItEnds()
    {
        using var release = new ManualResetEventSlim();
        var (cut, borrowedAfterAbandon, finished) = Loop.Run(async () =>
        {
            var limiter = new CapacityLimiter(1);
            var finished = false;
            var cut = !await Loop.MoveOnAfter(TimeSpan.FromMilliseconds(10), async () =>
            {
                await ToThread.RunAsync(() =>
                {
                    release.Wait();
                    finished = true;
                    return 42;
                }, limiter);
            });
            var borrowed = limiter.Borrowed; // the thread still runs: its token is still out
            release.Set();
            await IoTestKit.Until(() => limiter.Borrowed == 0);
            return (cut, borrowed, finished);
        });
        Assert.True(cut);
        Assert.Equal(1, borrowedAfterAbandon);
        Assert.True(finished);
    }

    [Fact]
    public void AFuture_CompletedOnAnotherThread_IsAwaitedOnTheLoop()
    {
        var (value, loopThread, resumedOn) = Loop.Run(async () =>
        {
            var future = new Future<int>();
            var thread = new Thread(() => future.TrySetResult(5));
            thread.Start();
            var value = await future.WaitAsync();
            thread.Join();
            return (value, Environment.CurrentManagedThreadId, Environment.CurrentManagedThreadId);
        });
        Assert.Equal(5, value);
        Assert.Equal(loopThread, resumedOn);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
