using System.Collections.Concurrent;
using Braid.IO;

namespace Braid.Tests.IO;

public class IdleWaitTests
{
    /// <summary>An idle wait that records what the kernel asks of it.</summary>
    private sealed class RecordingWait : IIdleWait
    {
        private readonly ManualResetEventSlim _signal = new();

        public ConcurrentQueue<TimeSpan?> Timeouts { get; } = new();

        public int Wakes;

        /// <summary>Set when the loop first sleeps with no timeout.</summary>
        public ManualResetEventSlim SleepingForever { get; } = new();

        /// <summary>Set when the loop first sleeps towards a timer more than a minute away.</summary>
        public ManualResetEventSlim SleepingWithTimeout { get; } = new();

        public void Wait(TimeSpan? timeout)
        {
            Timeouts.Enqueue(timeout);
            if (timeout is null) SleepingForever.Set();
            if (timeout > TimeSpan.FromMinutes(1)) SleepingWithTimeout.Set();
            _signal.Wait(timeout ?? Timeout.InfiniteTimeSpan);
            _signal.Reset();
        }

        public void Wake()
        {
            Interlocked.Increment(ref Wakes);
            _signal.Set();
        }
    }

    [Fact]
    public void TheKernel_SleepsInTheIdleWait_WithTheTimeToItsNextTimer_AndAPostWakesIt()
    {
        var wait = new RecordingWait();
        Loop.Run(async () =>
        {
            // A timer an hour away: whatever the machine's load, the loop idles with about that long to wait.
            var nap = new CancelScope();
            var sleeper = Loop.Spawn(() => nap.RunAsync(async () => await Loop.Sleep(TimeSpan.FromHours(1))));
            await Loop.Yield();
            using var handle = Loop.OpenHandle();
            var posted = new Event();
            var poster = new Thread(() =>
            {
                wait.SleepingWithTimeout.Wait(); // post only once the loop sleeps towards the timer: the wake must end that sleep
                handle.InvokeAsync(posted.Set).Wait();
                wait.SleepingForever.Wait(); // ... and again once it sleeps with nothing due at all
                handle.InvokeAsync(posted.Set).Wait();
            });
            poster.Start();
            await posted.Wait();
            nap.Cancel();
            await sleeper.Join();
            posted = new Event();
            await posted.Wait(); // the loop is idle with an open handle and no timer: it waits without a timeout until the post
            poster.Join();
        }, new RunOptions { IdleWait = wait });
        var timed = wait.Timeouts.Where(t => t is not null).ToList();
        Assert.Contains(timed, t => t > TimeSpan.FromMinutes(59));
        Assert.All(timed, t => Assert.InRange(t!.Value, TimeSpan.Zero, TimeSpan.FromHours(1)));
        Assert.Contains(null, wait.Timeouts);
        Assert.True(wait.Wakes >= 2);
    }

    [Fact]
    public void ALoopWithACustomIdleWait_RefusesBraidIO()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Loop.Run(async () =>
        {
            await Loop.Yield();
            Poller.Use(PollerKind.Portable);
        }, new RunOptions { IdleWait = new RecordingWait() }));
        Assert.Contains("custom IIdleWait", error.Message);
    }
}
