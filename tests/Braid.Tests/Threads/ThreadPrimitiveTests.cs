namespace Braid.Tests.Threads;

/// <summary>The thread versions, on real threads: exclusion, FIFO hand-off, channel delivery, and one source on both runtimes.</summary>
public class ThreadPrimitiveTests
{
    private static void OnThreads(int count, Action<int> body)
    {
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() => body(i))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    public static IEnumerable<object[]> Locks() =>
        [[new ThreadLock()], [new ThreadSemaphore(1)], [new ThreadBoundedSemaphore(1)]];

    [Theory]
    [MemberData(nameof(Locks))]
    public void OnlyOneThreadIsInside_AtATime(object primitive)
    {
        var (acquire, release) = primitive switch
        {
            ThreadLock l => ((Action)l.Acquire, (Action)l.Release),
            ThreadSemaphore s => (s.Acquire, s.Release),
            _ => throw new ArgumentException(),
        };
        var inside = 0;
        var total = 0;
        OnThreads(4, _ =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                acquire();
                Assert.Equal(1, Interlocked.Increment(ref inside));
                total++; // unsynchronised on purpose: exclusion makes it exact
                Interlocked.Decrement(ref inside);
                release();
            }
        });
        Assert.Equal(8_000, total);
    }

    [Fact]
    public void ThreadSemaphore_HandsItsPermitToTheLongestWaiter()
    {
        var s = new ThreadSemaphore(0);
        var order = new List<int>();
        var threads = new List<Thread>();
        for (var i = 0; i < 5; i++)
        {
            var id = i;
            var t = new Thread(() =>
            {
                s.Acquire();
                lock (order) order.Add(id);
                s.Release();
            });
            threads.Add(t);
            t.Start();
            SpinWait.SpinUntil(() => s.Waiting == id + 1); // queue them in a known order
        }
        s.Release();
        threads.ForEach(t => t.Join());
        Assert.Equal([0, 1, 2, 3, 4], order);
        Assert.Equal(1, s.Value);
    }

    [Fact]
    public void ThreadBoundedSemaphore_RefusesOneReleaseTooMany() =>
        Assert.Throws<InvalidOperationException>(() => new ThreadBoundedSemaphore(1).Release());

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(null)]
    public void ThreadChannel_DeliversEachItemOnce_AndEndsAfterClose(int? capacity)
    {
        var channel = new ThreadChannel<int>(capacity);
        const int items = 20_000;
        long sum = 0;
        var count = 0;
        var producers = new[] { 0, 1 }.Select(p => new Thread(() =>
        {
            for (var i = p; i < items; i += 2) channel.Send(i);
        })).ToList();
        var consumers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            foreach (var item in channel.ReadAll())
            {
                Interlocked.Add(ref sum, item);
                Interlocked.Increment(ref count);
            }
        })).ToList();
        producers.Concat(consumers).ToList().ForEach(t => t.Start());
        producers.ForEach(t => t.Join());
        channel.Close();
        consumers.ForEach(t => t.Join());
        Assert.Equal(items, count);
        Assert.Equal((long)items * (items - 1) / 2, sum);
        Assert.Throws<EndOfChannelException>(() => channel.Receive());
    }

    [Fact]
    public void ThreadCondition_WaitFor_SeesTheProducersItems()
    {
        var cv = new ThreadCondition();
        var items = new Queue<int>();
        var taken = new List<int>();
        var consumer = new Thread(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                cv.Acquire();
                cv.WaitFor(() => items.Count > 0);
                taken.Add(items.Dequeue());
                cv.Release();
            }
        });
        consumer.Start();
        for (var i = 0; i < 100; i++)
        {
            cv.Acquire();
            items.Enqueue(i);
            cv.Notify();
            cv.Release();
        }
        consumer.Join();
        Assert.Equal(Enumerable.Range(0, 100), taken);
    }

    /// <summary>One source: a Little Book style worker written once against ISemaphore.</summary>
    private static async Coroutine Worker(ISemaphore mutex, ISemaphore turnstile, int[] counter, int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            await turnstile.AcquireAsync();
            turnstile.Release();
            await mutex.AcquireAsync();
            counter[0]++;
            mutex.Release();
        }
    }

    [Fact]
    public void OneSource_RunsOnThreads_AndOnCoroutines()
    {
        var onThreads = new int[1];
        var mutex = new ThreadSemaphore(1);
        var turnstile = new ThreadSemaphore(1);
        OnThreads(3, _ => Worker(mutex, turnstile, onThreads, 1_000).GetAwaiter().GetResult());
        Assert.Equal(3_000, onThreads[0]);

        Seeds.Run(async () =>
        {
            var onLoop = new int[1];
            var m = new AsyncSemaphore(1);
            var t = new AsyncSemaphore(1);
            await TaskGroup.RunAsync(group =>
            {
                for (var i = 0; i < 3; i++) group.Spawn(() => Worker(m, t, onLoop, 100));
                return Coroutine.CompletedCoroutine;
            });
            Assert.Equal(300, onLoop[0]);
        });
    }
}
