namespace Braid.Tests.Kernel;

public class RunTests
{
    [Fact]
    public void Run_ReturnsMainsResult()
    {
        var result = Loop.Run(async () =>
        {
            await Loop.Yield();
            return 42;
        });
        Assert.Equal(42, result);
    }

    [Fact]
    public void Run_RethrowsMainsException()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Loop.Run(async () =>
        {
            await Loop.Yield();
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public void NestedCoroutines_ReturnThroughEveryLevel()
    {
        static async Coroutine<int> Depth(int n)
        {
            if (n == 0)
            {
                await Loop.Yield();
                return 0;
            }
            return 1 + await Depth(n - 1);
        }

        Assert.Equal(50, Loop.Run(() => Depth(50)));
    }

    [Fact]
    public void SynchronouslyCompletingCoroutine_ReturnsWithoutSuspending()
    {
        static async Coroutine<int> Immediate(int x)
        {
            await Coroutine.CompletedCoroutine;
            return x * 2;
        }

        Assert.Equal(8, Loop.Run(async () => await Immediate(4)));
    }

    [Fact]
    public void SynchronousResults_NestedAndOfTheSameType_EachReachItsOwnCaller()
    {
        // A result returned without suspending passes through one slot per thread and type: coroutines of the same
        // result type completing inside one another must still each hand back their own value.
        static async Coroutine<string> Word(int depth)
        {
            if (depth == 0) return "x";
            var inner = await Word(depth - 1);
            var sibling = await Word(0);
            return $"({inner}{sibling}{depth})";
        }

        Assert.Equal("(((xx1)x2)x3)", Loop.Run(() => Word(3)));
    }

    [Fact]
    public void AwaitingATask_ResumesOnTheLoopThread()
    {
        var threads = Loop.Run(async () =>
        {
            var before = Environment.CurrentManagedThreadId;
            await Task.Run(() => Thread.Yield());
            await Task.Delay(1);
            return (before, after: Environment.CurrentManagedThreadId);
        });
        Assert.Equal(threads.before, threads.after);
    }

    [Fact]
    public void AwaitingAFaultedTask_RethrowsItsException()
    {
        Assert.Throws<FormatException>(() => Loop.Run(async () =>
        {
            await Task.Run(() => throw new FormatException());
        }));
    }

    [Fact]
    public void SteadyStateYields_AllocateNothing()
    {
        var allocated = Loop.Run(async () =>
        {
            for (var i = 0; i < 1000; i++) await YieldTwice(); // warm up: JIT, pools
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++) await YieldTwice();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
        Assert.Equal(0, allocated);

        static async Coroutine YieldTwice()
        {
            await Loop.Yield();
            await Loop.Yield();
        }
    }
}
