namespace Braid.Tests.Kernel;

public class TaskGroupTests
{
    private static readonly RunOptions Virtual = new() { VirtualTime = true };

    [Fact]
    public void Group_WaitsForEveryChild()
    {
        var finished = Loop.Run(async () =>
        {
            var count = 0;
            await TaskGroup.RunAsync(group =>
            {
                for (var i = 1; i <= 10; i++)
                {
                    var delay = TimeSpan.FromSeconds(i);
                    group.Spawn(async () =>
                    {
                        await Loop.Sleep(delay);
                        count++;
                    });
                }
                return Coroutine.CompletedCoroutine;
            });
            return (count, Loop.Now);
        }, Virtual);
        Assert.Equal((10, TimeSpan.FromSeconds(10)), finished);
    }

    [Fact]
    public void FirstFailure_CancelsSiblings_AndTheGroupRethrowsIt()
    {
        var siblingCancelled = false;
        var error = Assert.Throws<TaskGroupException>(() => Loop.Run(async () =>
        {
            await TaskGroup.RunAsync(group =>
            {
                group.Spawn(async () =>
                {
                    try
                    {
                        await Loop.Sleep(TimeSpan.FromHours(1));
                    }
                    catch (CancelledException)
                    {
                        siblingCancelled = true;
                        throw;
                    }
                });
                group.Spawn(async () =>
                {
                    await Loop.Sleep(TimeSpan.FromSeconds(1));
                    throw new InvalidDataException("child failed");
                });
                return Coroutine.CompletedCoroutine;
            });
        }, Virtual));
        Assert.True(siblingCancelled);
        Assert.IsType<InvalidDataException>(Assert.Single(error.InnerExceptions));
    }

    [Fact]
    public void SimultaneousFailures_AreAllReported()
    {
        var error = Assert.Throws<TaskGroupException>(() => Loop.Run(async () =>
        {
            await TaskGroup.RunAsync(group =>
            {
                group.Spawn(() => throw new InvalidDataException("one"));
                group.Spawn(() => throw new FormatException("two"));
                return Coroutine.CompletedCoroutine;
            });
        }));
        Assert.Equal(["one", "two"], error.InnerExceptions.Select(e => e.Message).Order());
    }

    [Fact]
    public void BodyFailure_CancelsChildren()
    {
        var childCancelled = false;
        var error = Assert.Throws<TaskGroupException>(() => Loop.Run(async () =>
        {
            await TaskGroup.RunAsync(async group =>
            {
                group.Spawn(async () =>
                {
                    try
                    {
                        await new Event().Wait();
                    }
                    catch (CancelledException)
                    {
                        childCancelled = true;
                        throw;
                    }
                });
                await Loop.Yield();
                throw new InvalidOperationException("body failed");
            });
        }));
        Assert.True(childCancelled);
        Assert.Equal("body failed", Assert.Single(error.InnerExceptions).Message);
    }

    [Fact]
    public void OuterCancellation_CancelsTheGroupsChildren_AndPropagatesAsCancellation()
    {
        var (completed, cancelledChildren) = Loop.Run(async () =>
        {
            var cancelled = 0;
            var done = await Loop.MoveOnAfter(TimeSpan.FromSeconds(1), async () =>
            {
                await TaskGroup.RunAsync(group =>
                {
                    for (var i = 0; i < 3; i++)
                    {
                        group.Spawn(async () =>
                        {
                            try
                            {
                                await Loop.Sleep(TimeSpan.FromHours(1));
                            }
                            finally
                            {
                                cancelled++;
                            }
                        });
                    }
                    return Coroutine.CompletedCoroutine;
                });
            });
            return (done, cancelled);
        }, Virtual);
        Assert.False(completed);
        Assert.Equal(3, cancelledChildren);
    }

    [Fact]
    public void CancellingTheGroupScope_IsNotAFailure()
    {
        var now = Loop.Run(async () =>
        {
            await TaskGroup.RunAsync(async group =>
            {
                group.Spawn(async () => await Loop.Sleep(TimeSpan.FromHours(1)));
                await Loop.Sleep(TimeSpan.FromSeconds(2));
                group.CancelScope.Cancel();
            });
            return Loop.Now;
        }, Virtual);
        Assert.Equal(TimeSpan.FromSeconds(2), now);
    }

    [Fact]
    public void SpawnIntoAClosedGroup_IsAnError()
    {
        Assert.Throws<InvalidOperationException>(() => Loop.Run(async () =>
        {
            TaskGroup? escaped = null;
            await TaskGroup.RunAsync(group =>
            {
                escaped = group;
                return Coroutine.CompletedCoroutine;
            });
            escaped!.Spawn(() => Coroutine.CompletedCoroutine);
        }));
    }
}
