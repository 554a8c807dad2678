namespace Braid.Tests.Kernel;

/// <summary>
/// Waits that end early leave nothing behind: no phantom outstanding work, no timers, no call that never returns.
/// Runs alone (not beside other test classes), since it measures the process's retained memory.
/// </summary>
[Collection(nameof(RunsAlone))]
public class NothingLeftBehindTests
{
    /// <summary>Runs <paramref name="body"/> on its own thread and fails, instead of hanging the run, if it does not end in time.</summary>
    private static void EndsWithin(TimeSpan limit, Action body, int stackSize = 0)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                error = e;
            }
        }, stackSize) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(limit), $"did not end within {limit.TotalSeconds} s (a hang)");
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
    }

    [Fact]
    public void ACancelledWaitOnATaskThatNeverCompletes_StillLetsARealDeadlockBeReported()
    {
        var never = new TaskCompletionSource().Task;
        EndsWithin(TimeSpan.FromSeconds(30), () =>
        {
            var error = Assert.Throws<DeadlockException>(() => Loop.Run(async () =>
            {
                Assert.False(await Loop.MoveOnAfter(TimeSpan.FromSeconds(1), () => Loop.Cancellable(never)));
                await new AsyncSemaphore(0, "never released").Acquire();
            }, RunOptions.Deterministic(1)));
            Assert.Contains("never released", error.Message);
        });
    }

    [Fact]
    public void AMillionShortScopesWithAnHourLongDeadline_LeaveUnderOneMegabyteBehind()
    {
        Loop.Run(async () =>
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            for (var i = 0; i < 1_000_000; i++)
            {
                var scope = new CancelScope { Deadline = Loop.Now + TimeSpan.FromHours(1) };
                await scope.RunAsync(() => Coroutine.CompletedCoroutine);
            }
            var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
            Assert.True(retained < 1 << 20, $"{retained:N0} bytes retained");
            var entries = global::Braid.Kernel.Current!.Timers.Count;
            Assert.True(entries < 4096, $"{entries} timer entries");
        });
    }

    [Fact]
    public void SleepsAndSelectsCutShort_DoNotPileUpInTheTimers()
    {
        Loop.Run(async () =>
        {
            var (tx, rx) = MemoryChannel.Open<int>(1);
            var fromRx = rx.ReceiveCase();
            for (var i = 0; i < 20_000; i++)
            {
                // A sleep cancelled by a deadline at once, and a select whose timeout never comes into play.
                await Loop.MoveOnAfter(TimeSpan.Zero, async () => await Loop.Sleep(TimeSpan.FromHours(1)));
                tx.TrySend(i);
                Assert.Equal(0, await Select.RunAsync(fromRx, Select.Timeout(TimeSpan.FromHours(1))));
            }
            var entries = global::Braid.Kernel.Current!.Timers.Count;
            Assert.True(entries < 4096, $"{entries} timer entries");
        }, RunOptions.Deterministic(2));
    }

    [Fact]
    public void ACallThroughAHandleAfterTheLoopFinished_FailsItsTask()
    {
        LoopHandle? handle = null;
        Loop.Run(() =>
        {
            handle = Loop.OpenHandle();
            return Coroutine.CompletedCoroutine;
        });
        var call = handle!.InvokeAsync(() => { });
        var error = Assert.Throws<InvalidOperationException>(() => call.GetAwaiter().GetResult());
        Assert.Contains("loop has finished", error.Message);
        Assert.Throws<InvalidOperationException>(() => handle.InvokeAsync(() => Coroutine<int>.FromResult(1)).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task CallsRacingWithTheLoopsExit_EachRunOrFail_NoneHangs()
    {
        for (var round = 0; round < 20; round++)
        {
            var calls = new List<Task>();
            var ran = 0;
            Thread? caller = null;
            Loop.Run(async () =>
            {
                var handle = Loop.OpenHandle();
                caller = new Thread(() =>
                {
                    // Call until a call fails: the loop has then finished.
                    while (true)
                    {
                        var call = handle.InvokeAsync(() => ran++);
                        lock (calls) calls.Add(call);
                        if (call.IsFaulted) return;
                    }
                });
                caller.Start();
                while (Volatile.Read(ref ran) < 50) await Loop.Yield(); // the calls run between turns
            });
            Assert.True(caller!.Join(TimeSpan.FromSeconds(30)), "the caller never saw the loop finish");
            Task[] all;
            lock (calls) all = calls.ToArray();
            await Task.WhenAll(all.Select(t => t.ContinueWith(_ => { }))).WaitAsync(TimeSpan.FromSeconds(30)); // times out if a call never completes
            Assert.All(all, t => Assert.True(t.IsCompletedSuccessfully || t.Exception!.InnerException is InvalidOperationException));
        }
    }

    [Fact]
    public void AHundredThousandNestedCompletions_DoNotOverflowTheStack()
    {
        static async Coroutine<int> Nest(int depth)
        {
            await Loop.Yield(); // each level starts the next from a fresh stack, so only the completions nest
            return depth == 0 ? 0 : await Nest(depth - 1) + 1;
        }

        var result = 0;
        EndsWithin(TimeSpan.FromSeconds(60), () => result = Loop.Run(() => Nest(100_000)), stackSize: 512 * 1024);
        Assert.Equal(100_000, result);
    }
}

/// <summary>Test classes that measure the whole process (memory) and so must not run beside others.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
