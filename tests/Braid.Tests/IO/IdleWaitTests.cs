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

        public void Wait(TimeSpan? timeout)
        {
            Timeouts.Enqueue(timeout);
            if (timeout is null) SleepingForever.Set();
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
            await Loop.Sleep(TimeSpan.FromMilliseconds(30));
            using var handle = Loop.OpenHandle();
            var posted = new Event();
            var poster = new Thread(() =>
            {
                wait.SleepingForever.Wait(); // post only once the loop sleeps: the wake must end that sleep
                handle.InvokeAsync(posted.Set).Wait();
            });
            poster.Start();
            await posted.Wait(); // the loop is idle with an open handle: it waits without a timeout until the post
            poster.Join();
        }, new RunOptions { IdleWait = wait });
        var timed = wait.Timeouts.Where(t => t is not null && t > TimeSpan.Zero).ToList();
        Assert.NotEmpty(timed);
        Assert.All(timed, t => Assert.InRange(t!.Value, TimeSpan.Zero, TimeSpan.FromMilliseconds(30)));
        Assert.Contains(null, wait.Timeouts);
        Assert.True(wait.Wakes >= 1);
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
