namespace Braid.Tests.Kernel;

public class CancellationTests
{
    private static readonly RunOptions Virtual = new() { VirtualTime = true };

    [Fact]
    public void CancelledScope_CatchesItsOwnCancellation_AndFinallyRuns()
    {
        var log = new List<string>();
        Loop.Run(async () =>
        {
            var scope = new CancelScope();
            await scope.RunAsync(async () =>
            {
                try
                {
                    scope.Cancel();
                    log.Add("before checkpoint");
                    await Loop.Yield();
                    log.Add("after checkpoint");
                }
                finally
                {
                    log.Add("finally");
                }
            });
            log.Add($"caught={scope.CancelledCaught}");
        });
        Assert.Equal(["before checkpoint", "finally", "caught=True"], log);
    }

    [Fact]
    public void Cancel_WakesAParkedStrand()
    {
        var result = Loop.Run(async () =>
        {
            var scope = new CancelScope();
            var waiter = Loop.Spawn(async () =>
            {
                await scope.RunAsync(async () => await new Event().Wait());
                return scope.CancelledCaught;
            });
            await Loop.Yield();
            Assert.Equal(StrandState.Parked, waiter.State);
            scope.Cancel();
            return await waiter.Join();
        });
        Assert.True(result);
    }

    [Fact]
    public void FailAfter_ThrowsTooSlow()
    {
        var error = Assert.Throws<TooSlowException>(() => Loop.Run(async () =>
        {
            await Loop.FailAfter(TimeSpan.FromSeconds(5), async () => await Loop.Sleep(TimeSpan.FromSeconds(10)));
        }, Virtual));
        Assert.Equal(TimeSpan.FromSeconds(5), error.Limit);
    }

    [Fact]
    public void FailAfter_ReturnsTheResultWhenInTime()
    {
        var result = Loop.Run(async () => await Loop.FailAfter(TimeSpan.FromSeconds(5), async () =>
        {
            await Loop.Sleep(TimeSpan.FromSeconds(1));
            return "done";
        }), Virtual);
        Assert.Equal("done", result);
    }

    [Fact]
    public void Shield_KeepsOuterCancellationOut_UntilItIsLifted()
    {
        var log = new List<string>();
        Loop.Run(async () =>
        {
            await Loop.MoveOnAfter(TimeSpan.FromSeconds(1), async () =>
            {
                var shielded = new CancelScope { Shield = true };
                await shielded.RunAsync(async () =>
                {
                    await Loop.Sleep(TimeSpan.FromSeconds(5)); // outlives the outer deadline, untouched
                    log.Add($"shielded sleep finished at {Loop.Now.TotalSeconds}");
                });
                log.Add("after shield");
                await Loop.Yield(); // the outer cancellation arrives at this checkpoint
                log.Add("not reached");
            });
            log.Add($"outer done at {Loop.Now.TotalSeconds}");
        }, Virtual);
        Assert.Equal(["shielded sleep finished at 5", "after shield", "outer done at 5"], log);
    }

    [Fact]
    public void InnerDeadline_DoesNotCancelTheOuterScope()
    {
        var (inner, outer) = Loop.Run(async () =>
        {
            var innerDone = true;
            var outerDone = await Loop.MoveOnAfter(TimeSpan.FromSeconds(10), async () =>
            {
                innerDone = await Loop.MoveOnAfter(TimeSpan.FromSeconds(1), async () => await Loop.Sleep(TimeSpan.FromSeconds(2)));
                await Loop.Sleep(TimeSpan.FromSeconds(1));
            });
            return (innerDone, outerDone);
        }, Virtual);
        Assert.False(inner);
        Assert.True(outer);
    }

    [Fact]
    public void CancellingAStrandThatWaitsOnATask_DeliversAtTheNextCheckpoint()
    {
        var log = Loop.Run(async () =>
        {
            var entries = new List<string>();
            var release = new TaskCompletionSource();
            // Completes the task on the loop after the deadline below has passed (timers fire in due order).
            Loop.Spawn(async () =>
            {
                await Loop.Sleep(TimeSpan.FromSeconds(2));
                entries.Add("releasing");
                release.SetResult();
            });
            var ok = await Loop.MoveOnAfter(TimeSpan.FromSeconds(1), async () =>
            {
                await release.Task; // a plain await on a Task: cancellation cannot abandon it
                entries.Add("task finished");
                await Loop.Yield();
                entries.Add("not reached");
            });
            entries.Add($"moved on: {!ok}");
            return entries;
        }, Virtual);
        Assert.Equal(["releasing", "task finished", "moved on: True"], log);
    }

    [Fact]
    public void Cancellable_AbandonsTheTaskWait()
    {
        var moved = Loop.Run(async () =>
        {
            var never = new TaskCompletionSource();
            return !await Loop.MoveOnAfter(TimeSpan.FromMilliseconds(1), () => Loop.Cancellable(never.Task));
        });
        Assert.True(moved);
    }
}
