using System.Collections.Concurrent;
using System.Diagnostics;

namespace Braid.Hacks.Labs;

/// <summary>
/// The sync-over-async deadlock on a single-threaded context (a UI thread, old ASP.NET, a Braid loop): code on that
/// thread blocks on a task (<c>.Result</c>, <c>.Wait()</c>) whose continuation was posted to the same thread. The thread
/// waits for the task, the task waits for the thread: neither moves. Reproduced on a minimal context (with a timeout, so
/// it ends), then on Braid's loop, whose context is told of blocking waits on its thread and fails with a message.
/// </summary>
internal sealed class SyncOverAsyncLab : IHackLab
{
    public string Name => "sync-over-async";

    public string Summary => "the sync-over-async deadlock on a single-threaded context, reproduced, and detected by Braid's loop with a message";

    private static async Task<int> NeedsTheThread()
    {
        // Completed on the thread pool once this thread blocks; the rest must run on the captured context's thread.
        return await OffTheLoop.OnceBlocked(Thread.CurrentThread, 42);
    }

    /// <summary>On a plain single-threaded context: whether the blocked wait finished in time, and how the task ended once the thread was let go.</summary>
    internal static (bool FinishedWhileBlocked, int ResultAfter) OnPlainContext(TimeSpan block)
    {
        using var context = new SingleThreadContext();
        var finished = false;
        Task<int>? task = null;
        context.Run(() =>
        {
            task = NeedsTheThread();
            finished = task.Wait(block); // blocks the only thread that can finish the task
        });
        context.Drain(task!); // let the thread go back to its queue: the posted continuation runs and the task completes
        return (finished, task!.Result);
    }

    /// <summary>On Braid's loop: the error the blocking wait gets, and how long it blocked first.</summary>
    internal static (InvalidOperationException? Error, TimeSpan Blocked) OnBraidLoop()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            Loop.Run(async Task () =>
            {
                await Task.Yield();
                _ = NeedsTheThread().Result;
            }, new RunOptions { AllowTaskEscapes = true });
            return (null, clock.Elapsed);
        }
        catch (InvalidOperationException e)
        {
            return (e, clock.Elapsed);
        }
    }

    public LabResult Run()
    {
        var block = TimeSpan.FromMilliseconds(300);
        var (finished, after) = OnPlainContext(block);
        var (error, blocked) = OnBraidLoop();
        return new LabResult(error is null ? "not detected" : $"deadlock reproduced; Braid's loop said so after {blocked.TotalMilliseconds:0} ms",
        [
            $"a minimal single-threaded context: task.Wait({block.TotalMilliseconds:0} ms) on its thread finished: {finished} (without the timeout it would hang forever)",
            $"once the thread returned to its queue, the posted continuation ran and the task's result was {after}",
            $"Braid's loop: {(error is null ? "no error" : error.Message)}",
            "How: Braid's SynchronizationContext calls SetWaitNotificationRequired, so the runtime routes blocking waits on the loop thread " +
            "through its Wait override; a strand blocked there while work waits for the loop is failed instead of left hanging.",
        ]);
    }
}

/// <summary>The smallest single-threaded SynchronizationContext: a queue of callbacks run by the thread that calls Run or Drain.</summary>
internal sealed class SingleThreadContext : SynchronizationContext, IDisposable
{
    private readonly BlockingCollection<(SendOrPostCallback, object?)> _queue = new();

    public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

    public void Run(Action action)
    {
        var outer = Current;
        SetSynchronizationContext(this);
        try
        {
            action();
        }
        finally
        {
            SetSynchronizationContext(outer);
        }
    }

    /// <summary>Runs posted callbacks until <paramref name="task"/> completes (or nothing comes for five seconds).</summary>
    public void Drain(Task task) => Run(() =>
    {
        while (!task.IsCompleted && _queue.TryTake(out var item, TimeSpan.FromSeconds(5))) item.Item1(item.Item2);
    });

    public void Dispose() => _queue.Dispose();
}
