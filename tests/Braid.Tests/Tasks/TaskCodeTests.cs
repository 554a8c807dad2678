using System.Diagnostics;

namespace Braid.Tests.Tasks;

/// <summary>Plain Task code on Braid's loop: one thread, the loop's order, the loop's clock.</summary>
public class TaskCodeTests
{
    private static async Task<int> ThreadsSeen(int awaits)
    {
        var threads = new HashSet<int> { Environment.CurrentManagedThreadId };
        for (var i = 0; i < awaits; i++)
        {
            await Task.Yield();
            threads.Add(Environment.CurrentManagedThreadId);
            Assert.True(Loop.IsRunning);
        }
        return threads.Single();
    }

    [Fact]
    public void RunTask_RunsPlainTaskCodeOnTheCallingThread()
    {
        var thread = Loop.Run(() => ThreadsSeen(10));
        Assert.Equal(Environment.CurrentManagedThreadId, thread);
    }

    [Fact]
    public void RunTask_StartsOnTheLoopsTaskScheduler()
    {
        var same = Loop.Run(async Task<bool> () =>
        {
            var onLoop = TaskScheduler.Current == Loop.TaskScheduler;
            var started = await Task.Factory.StartNew(() => Loop.IsRunning); // the current scheduler: the loop's
            return onLoop && started;
        });
        Assert.True(same);
    }

    [Fact]
    public void Coroutine_AwaitsATaskMethod_WhichRunsOnTheLoop()
    {
        var thread = Loop.Run(async () => await ThreadsSeen(5));
        Assert.Equal(Environment.CurrentManagedThreadId, thread);
    }

    /// <summary>A strand and a Task method take turns; under one seed the order is the same every run.</summary>
    private static async Coroutine<string> Interleaved()
    {
        var order = new List<string>();
        async Task Tasks()
        {
            for (var i = 0; i < 5; i++)
            {
                order.Add("t" + i);
                await Task.Yield();
            }
        }
        var strand = Loop.Spawn(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                order.Add("c" + i);
                await Loop.Yield();
            }
        });
        await Tasks();
        await strand.Join();
        return string.Join(" ", order);
    }

    [Fact]
    public void TaskCodeAndCoroutines_InterleaveBySeed_AndReplay()
    {
        var orders = Enumerable.Range(0, 20).Select(seed => Loop.Run(Interleaved, RunOptions.Deterministic(seed))).ToList();
        for (var seed = 0; seed < 20; seed++) Assert.Equal(orders[seed], Loop.Run(Interleaved, RunOptions.Deterministic(seed)));
        Assert.True(orders.Distinct().Count() > 1, "the seed should choose among interleavings");
    }

    /// <summary>
    /// Plain Task code with a check-then-act race: two withdrawals of 80 from 100, each checking the balance, awaiting,
    /// then taking. The account goes negative when both check before either takes.
    /// </summary>
    private static async Task Overdraw()
    {
        var balance = 100;
        async Task Withdraw(int amount)
        {
            await Task.Yield();
            if (balance < amount) return;
            await Task.Yield(); // the "remote call" between check and act
            balance -= amount;
        }
        await Task.WhenAll(Withdraw(80), Withdraw(80));
        if (balance < 0) throw new InvalidOperationException($"overdrawn: balance is {balance}");
    }

    [Fact]
    public void CheckThenAct_InPlainTaskCode_IsFoundBySeed_AndReplays()
    {
        var found = Explore.Seeds(async () => await Overdraw(), count: 50);
        Assert.False(found.Passed);
        Assert.Contains("overdrawn", found.Failure!.Message);
        var (again, trace) = Explore.Replay(async () => await Overdraw(), found.FailingSeed!.Value);
        Assert.Equal(found.Failure.Message, again!.Message);
        Assert.Equal(found.Trace, trace);
        // The bug is the interleaving's, not the code's every run: some seed passes.
        Assert.Contains(Enumerable.Range(0, 50), seed => Explore.Replay(async () => await Overdraw(), seed).Failure is null);
    }

    [Fact]
    public void TaskDelay_WithTheLoopsTimeProvider_TakesVirtualTime()
    {
        var clock = Stopwatch.StartNew();
        var now = Loop.Run(async Task<TimeSpan> () =>
        {
            await Task.Delay(TimeSpan.FromHours(1), Loop.TimeProvider);
            return Loop.Now;
        }, RunOptions.Deterministic(1));
        Assert.Equal(TimeSpan.FromHours(1), now);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void TimeProvider_Timeouts_FireAtTheirVirtualDeadline()
    {
        var (timedOut, at) = Loop.Run(async Task<(bool, TimeSpan)> () =>
        {
            var never = new TaskCompletionSource();
            try
            {
                await never.Task.WaitAsync(TimeSpan.FromSeconds(30), Loop.TimeProvider);
                return (false, Loop.Now);
            }
            catch (TimeoutException)
            {
                return (true, Loop.Now);
            }
        }, RunOptions.Deterministic(2));
        Assert.True(timedOut);
        Assert.Equal(TimeSpan.FromSeconds(30), at);
    }

    [Fact]
    public void CancelAfter_OnTheLoopsTimeProvider_CancelsAtItsDeadline()
    {
        var at = Loop.Run(async Task<TimeSpan> () =>
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5), Loop.TimeProvider);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(TimeSpan.FromHours(1), Loop.TimeProvider, cts.Token));
            return Loop.Now;
        }, RunOptions.Deterministic(3));
        Assert.Equal(TimeSpan.FromSeconds(5), at);
    }

    [Fact]
    public void PeriodicTimer_OnTheLoopsTimeProvider_TicksOnVirtualTime()
    {
        var ticks = Loop.Run(async Task<List<TimeSpan>> () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), Loop.TimeProvider);
            var seen = new List<TimeSpan>();
            while (seen.Count < 3 && await timer.WaitForNextTickAsync()) seen.Add(Loop.Now);
            return seen;
        }, RunOptions.Deterministic(4));
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3)], ticks);
    }

    [Fact]
    public void TimeProvider_ReadsTheLoopClock()
    {
        Loop.Run(async () =>
        {
            await Loop.Sleep(TimeSpan.FromSeconds(7));
            Assert.Equal(TimeSpan.FromSeconds(7), Loop.TimeProvider.GetElapsedTime(0));
            Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 7, TimeSpan.Zero), Loop.TimeProvider.GetUtcNow());
        }, RunOptions.Deterministic(5));
    }

    /// <summary>
    /// Thread-pool work that finishes only once <paramref name="thread"/> blocks (the loop idles after the await that
    /// waits for it): so it can never be complete at that await, and the test does not depend on timing.
    /// </summary>
    private static Task<T> OnThePoolOnceBlocked<T>(Thread thread, T value) => Task.Run(() =>
    {
        Assert.True(SpinWait.SpinUntil(() => (thread.ThreadState & System.Threading.ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(30)));
        return value;
    });

    private static async Task<int> EscapesByTaskRun() => await OnThePoolOnceBlocked(Thread.CurrentThread, 42);

    [Fact]
    public void TaskRun_InADeterministicRun_IsReportedWithItsLocation()
    {
        var error = Assert.Throws<TaskEscapeException>(() => Loop.Run(EscapesByTaskRun, RunOptions.Deterministic(6)));
        Assert.Equal(1, error.Escapes.Count);
        Assert.Contains(error.Escapes.ByLocation.Keys, where => where.EndsWith(nameof(EscapesByTaskRun), StringComparison.Ordinal));
        Assert.Contains("1 continuation came back", error.Message);
    }

    private static async Task OffTheLoop()
    {
        await OnThePoolOnceBlocked(Thread.CurrentThread, 0).ConfigureAwait(false); // from here on this method runs on the thread pool
        await Task.Yield();
    }

    private static async Task CallsOffTheLoop()
    {
        await OffTheLoop();
        await OffTheLoop();
    }

    [Fact]
    public void ConfigureAwaitFalse_IsReportedWhereItComesBack()
    {
        var error = Assert.Throws<TaskEscapeException>(() => Loop.Run(CallsOffTheLoop, RunOptions.Deterministic(7)));
        Assert.Equal(2, error.Escapes.Count);
        Assert.Equal(2, error.Escapes.ByLocation.Single(p => p.Key.EndsWith(nameof(CallsOffTheLoop), StringComparison.Ordinal)).Value);
    }

    [Fact]
    public void ThreadPoolTimer_IsAnEscape_CountedInNormalRuns()
    {
        var count = Loop.Run(async Task<int> () =>
        {
            await Task.Delay(100); // the thread pool's timer, not the loop's
            return Loop.TaskEscapes.Count;
        });
        Assert.Equal(1, count);
    }

    [Fact]
    public void AllowTaskEscapes_LetsADeterministicRunEnd()
    {
        var result = Loop.Run(EscapesByTaskRun, RunOptions.Deterministic(8) with { AllowTaskEscapes = true });
        Assert.Equal(42, result);
    }

    private static async Task<int> NeedsTheLoop()
    {
        await Task.Yield();
        return 1;
    }

    [Fact]
    public void SyncOverAsync_OnTheLoop_FailsWithAMessageInsteadOfHanging()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Loop.Run(async Task<int> () =>
        {
            await Task.Yield();
            return NeedsTheLoop().Result; // blocks the loop thread the task needs
        }));
        Assert.Contains("Sync over async", error.Message);
    }

    [Fact]
    public void BlockingBriefly_OnTheLoop_IsNotCalledADeadlock()
    {
        Loop.Run(async Task () =>
        {
            var done = Task.Run(() => Thread.Sleep(150));
            done.Wait(); // longer than the grace, but nothing waits for the loop meanwhile: an ordinary (if unwise) blocking wait
            await Task.Yield();
        }, new RunOptions { AllowTaskEscapes = true });
    }

    [Fact]
    public void Cancellation_ReachesACoroutineAwaitingTaskCode()
    {
        var completed = Loop.Run(async () => await Loop.MoveOnAfter(TimeSpan.FromSeconds(1),
            async () => await Loop.Cancellable(Task.Delay(TimeSpan.FromHours(1), Loop.TimeProvider))), RunOptions.Deterministic(9));
        Assert.False(completed);
    }

    [Fact]
    public void AsyncVoid_Failure_IsReportedByRun()
    {
        var error = Assert.Throws<AggregateException>(() => Loop.Run(async Task () =>
        {
            Fire();
            await Task.Yield();
        }));
        Assert.IsType<ApplicationException>(Assert.Single(error.InnerExceptions));

        static async void Fire()
        {
            await Task.Yield();
            throw new ApplicationException("async void failed");
        }
    }
}
