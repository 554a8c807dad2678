namespace Braid.Tests.Kernel;

public class TimeTests
{
    private static readonly RunOptions Virtual = new() { VirtualTime = true };

    [Fact]
    public void Sleepers_WakeInDeadlineOrder()
    {
        var order = new List<int>();
        Loop.Run(async () =>
        {
            await TaskGroup.RunAsync(group =>
            {
                foreach (var ms in new[] { 30, 10, 20 })
                {
                    group.Spawn(async () =>
                    {
                        await Loop.Sleep(TimeSpan.FromMilliseconds(ms));
                        order.Add(ms);
                    });
                }
                return Coroutine.CompletedCoroutine;
            });
        }, Virtual);
        Assert.Equal([10, 20, 30], order);
    }

    [Fact]
    public void VirtualClock_JumpsToTheNextTimer()
    {
        var now = Loop.Run(async () =>
        {
            await Loop.Sleep(TimeSpan.FromHours(1));
            return Loop.Now;
        }, Virtual);
        Assert.Equal(TimeSpan.FromHours(1), now);
    }

    [Fact]
    public void OneHourTimeout_FiresOnVirtualTime()
    {
        var (finished, at) = Loop.Run(async () =>
        {
            var ok = await Loop.MoveOnAfter(TimeSpan.FromHours(1), async () => await new Event().Wait());
            return (ok, Loop.Now);
        }, Virtual);
        Assert.False(finished);
        Assert.Equal(TimeSpan.FromHours(1), at);
    }

    [Fact]
    public void RealClock_SleepReturnsNoEarlierThanItsDeadline()
    {
        var (start, end) = Loop.Run(async () =>
        {
            var t0 = Loop.Now;
            await Loop.Sleep(TimeSpan.FromMilliseconds(5));
            return (t0, Loop.Now);
        });
        Assert.True(end - start >= TimeSpan.FromMilliseconds(5), $"woke after {(end - start).TotalMilliseconds} ms");
    }

    [Fact]
    public void ManyTimers_FireInOrder()
    {
        var fired = new List<int>();
        Loop.Run(async () =>
        {
            var random = new Random(7);
            await TaskGroup.RunAsync(group =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    var due = random.Next(1, 100_000);
                    group.Spawn(async () =>
                    {
                        await Loop.Sleep(TimeSpan.FromMilliseconds(due));
                        fired.Add(due);
                    });
                }
                return Coroutine.CompletedCoroutine;
            });
        }, Virtual);
        Assert.Equal(1000, fired.Count);
        Assert.Equal(fired.Order(), fired);
    }
}
