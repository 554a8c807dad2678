namespace Braid.Tests.Kernel;

public class SchedulingTests
{
    [Fact]
    public void Yield_RunsStrandsInFifoRoundRobin()
    {
        var order = new List<string>();
        Loop.Run(async () =>
        {
            await TaskGroup.RunAsync(group =>
            {
                foreach (var name in new[] { "a", "b", "c" })
                {
                    group.Spawn(async () =>
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            order.Add($"{name}{i}");
                            await Loop.Yield();
                        }
                    });
                }
                return Coroutine.CompletedCoroutine;
            });
        });
        Assert.Equal(["a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"], order);
    }

    [Fact]
    public void Spawn_StartsTheChildAtItsFirstTurnNotAtOnce()
    {
        var order = new List<string>();
        Loop.Run(async () =>
        {
            var child = Loop.Spawn(async () =>
            {
                order.Add("child");
                await Loop.Yield();
            });
            order.Add("parent");
            await child.Join();
        });
        Assert.Equal(["parent", "child"], order);
    }

    private static Event s_release = new();
    private static readonly Func<Coroutine> ParkedBody = static async () => await s_release.Wait();

    [Fact]
    public void ParkedStrand_IsOneObjectOfAtMost120Bytes()
    {
        // The root coroutine's frame is the strand: spawning allocates one object, not a strand plus a frame.
        var allocated = Loop.Run(async () =>
        {
            s_release = new Event();
            var warm = Loop.Spawn(ParkedBody);
            await Loop.Yield();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var strand = Loop.Spawn(ParkedBody);
            await Loop.Yield();
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            s_release.Set();
            await warm.Join();
            await strand.Join();
            return bytes;
        });
        Assert.InRange(allocated, 1, 120);
    }

    [Fact]
    public void NonAsyncBody_IsCalledAtSpawn_AndItsCoroutineRunsAsAStrand()
    {
        var order = new List<string>();
        Loop.Run(async () =>
        {
            var child = Loop.Spawn(() =>
            {
                order.Add("body called");
                return Coroutine.CompletedCoroutine;
            });
            order.Add("parent");
            await child.Join();
        });
        Assert.Equal(["body called", "parent"], order);
    }

    [Fact]
    public void Join_ReturnsTheChildsResult()
    {
        var sum = Loop.Run(async () =>
        {
            var strands = Enumerable.Range(1, 10).Select(i => Loop.Spawn(async () =>
            {
                await Loop.Yield();
                return i * i;
            })).ToList();
            var total = 0;
            foreach (var s in strands) total += await s.Join();
            return total;
        });
        Assert.Equal(385, sum);
    }

    [Fact]
    public void Join_RethrowsTheChildsException()
    {
        var caught = Loop.Run(async () =>
        {
            var child = Loop.Spawn(async () =>
            {
                await Loop.Yield();
                throw new ArgumentException("bad");
            }, "failing");
            try
            {
                await child.Join();
                return "no exception";
            }
            catch (ArgumentException e)
            {
                return e.Message;
            }
        });
        Assert.Equal("bad", caught);
    }

    [Fact]
    public void UnjoinedBackgroundFailure_IsReportedByRun()
    {
        var error = Assert.Throws<AggregateException>(() => Loop.Run(async () =>
        {
            Loop.Spawn(() => throw new DivideByZeroException());
            await Loop.Yield();
        }));
        Assert.IsType<DivideByZeroException>(Assert.Single(error.InnerExceptions));
    }

    [Fact]
    public void LeftoverBackgroundStrands_AreCancelledWhenMainReturns()
    {
        var cleanedUp = false;
        Loop.Run(async () =>
        {
            Loop.Spawn(async () =>
            {
                try
                {
                    await new Event().Wait();
                }
                finally
                {
                    cleanedUp = true;
                }
            });
            await Loop.Yield();
        });
        Assert.True(cleanedUp);
    }

    [Fact]
    public void Event_WakesEveryWaiterInArrivalOrder()
    {
        var order = new List<int>();
        Loop.Run(async () =>
        {
            var ready = new Event();
            await TaskGroup.RunAsync(async group =>
            {
                for (var i = 0; i < 5; i++)
                {
                    var id = i;
                    group.Spawn(async () =>
                    {
                        await ready.Wait();
                        order.Add(id);
                    });
                }
                await Loop.Yield();
                Assert.Equal(5, ready.Waiting);
                ready.Set();
            });
        });
        Assert.Equal([0, 1, 2, 3, 4], order);
    }
}
