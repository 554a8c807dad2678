using Braid;
using System.Threading.Channels;

// Not in a Braid namespace: inside one, Braid's names would win over System.Threading's and hide an ambiguity.
namespace Consumer;

/// <summary>
/// Small programs as a user writes them: every Braid primitive, channel and exception, the thread versions, and
/// System.Threading's Lock, Semaphore and Barrier and System.Threading.Channels' Channel, all unqualified in one file.
/// Each returns what it saw, for the tests to check.
/// </summary>
public static class EveryType
{
    /// <summary>A producer, a consumer and the coroutine primitives, on one loop in virtual time.</summary>
    public static List<string> Coroutines()
    {
        var log = new List<string>();
        Loop.Run(async () =>
        {
            var mutex = new AsyncLock("mutex");
            var reentrant = new ReentrantLock("reentrant");
            var semaphore = new AsyncSemaphore(2, "semaphore");
            var bounded = new BoundedSemaphore(1, "bounded");
            var limiter = new CapacityLimiter(1, "limiter");
            var readersWriter = new ReadersWriterLock("rw");
            var drained = new Event();
            var condition = new Condition(name: "condition");
            var barrier = new AsyncBarrier(2, generation => log.Add($"barrier {generation}"), "barrier");
            ILock asLock = mutex;
            (ChannelSender<int> tx, ChannelReceiver<int> rx) = MemoryChannel.Open<int>(2, "numbers");
            var sum = 0;
            var ready = false;
            await TaskGroup.RunAsync(group =>
            {
                Strand producer = group.Spawn(async () =>
                {
                    using (tx)
                    {
                        for (var i = 1; i <= 4; i++) await tx.Send(i);
                    }
                }, "producer");
                group.Spawn(async () =>
                {
                    await foreach (var item in rx)
                    {
                        await mutex.Acquire();
                        try
                        {
                            sum += item;
                        }
                        finally
                        {
                            mutex.Release();
                        }
                    }
                    drained.Set();
                }, "consumer");
                group.Spawn(async () =>
                {
                    await drained.Wait();
                    await reentrant.Acquire();
                    await reentrant.Acquire();
                    reentrant.Release();
                    reentrant.Release();
                    await semaphore.Acquire();
                    await bounded.Acquire();
                    await limiter.Acquire();
                    await readersWriter.AcquireRead();
                    readersWriter.ReleaseRead();
                    await readersWriter.AcquireWrite();
                    readersWriter.ReleaseWrite();
                    limiter.Release();
                    bounded.Release();
                    semaphore.Release();
                    await asLock.AcquireAsync();
                    asLock.Release();
                    log.Add($"sum {sum}");
                    await condition.Acquire();
                    ready = true;
                    condition.NotifyAll();
                    condition.Release();
                    await barrier.Wait();
                }, "checker");
                group.Spawn(async () =>
                {
                    await condition.Acquire();
                    await condition.WaitFor(() => ready);
                    condition.Release();
                    log.Add("condition");
                    await barrier.Wait();
                }, "waiter");
                return Coroutine.CompletedCoroutine;
            });
        }, RunOptions.Deterministic(seed: 1));
        return log;
    }

    /// <summary>Select over two channels with a timeout, a cancel scope and a deadline, in virtual time.</summary>
    public static List<string> SelectAndCancel()
    {
        var log = new List<string>();
        Loop.Run(async () =>
        {
            var (aTx, aRx) = MemoryChannel.OpenUnbounded<string>("a");
            var (bTx, bRx) = MemoryChannel.OpenRendezvous<string>("b");
            aTx.TrySend("from a");
            ReceiveCase<string> fromA = aRx.ReceiveCase();
            SelectCase[] cases = [fromA, bRx.ReceiveCase(), Select.Timeout(TimeSpan.FromSeconds(1))];
            if (await Select.RunAsync(cases) == 0) log.Add(fromA.Value);
            if (await Select.RunAsync(bRx.ReceiveCase(), Select.Timeout(TimeSpan.FromSeconds(1))) == 1) log.Add("timeout");
            if (await Select.RunAsync(bTx.SendCase("x"), Select.Default()) == 1) log.Add("default");

            var scope = new CancelScope();
            await scope.RunAsync(async () =>
            {
                try
                {
                    scope.Cancel();
                    await Loop.Sleep(TimeSpan.FromHours(1));
                }
                catch (CancelledException)
                {
                    log.Add("cancelled");
                    throw;
                }
            });
            if (!await Loop.MoveOnAfter(TimeSpan.FromSeconds(1), async () => await Loop.Sleep(TimeSpan.FromHours(1)))) log.Add("moved on");
            try
            {
                await Loop.FailAfter(TimeSpan.FromSeconds(1), async () => await Loop.Sleep(TimeSpan.FromHours(1)));
            }
            catch (TooSlowException e)
            {
                log.Add($"too slow after {e.Limit.TotalSeconds} s");
            }
            Strand<int> answer = Loop.Spawn(async () =>
            {
                await Loop.Yield();
                return 42;
            });
            log.Add($"answer {await answer.Join()} {answer.State}");
        }, RunOptions.Deterministic(seed: 2));
        return log;
    }

    /// <summary>Every Braid exception, caught by its name.</summary>
    public static List<string> Exceptions()
    {
        var log = new List<string>();
        Loop.Run(async () =>
        {
            var (tx, rx) = MemoryChannel.Open<int>(1, "ends");
            tx.Close();
            try
            {
                await rx.Receive();
            }
            catch (EndOfChannelException)
            {
                log.Add("end of channel");
            }
            try
            {
                await tx.Send(1);
            }
            catch (ClosedResourceException)
            {
                log.Add("closed resource");
            }
            var (tx2, rx2) = MemoryChannel.Open<int>(1, "broken");
            rx2.Close();
            try
            {
                await tx2.Send(1);
            }
            catch (BrokenChannelException)
            {
                log.Add("broken channel");
            }
            try
            {
                await TaskGroup.RunAsync(group =>
                {
                    group.Spawn(() => throw new InvalidOperationException("one"));
                    group.Spawn(() => throw new InvalidOperationException("two"));
                    return Coroutine.CompletedCoroutine;
                });
            }
            catch (TaskGroupException e)
            {
                log.Add($"task group: {e.InnerExceptions.Count} failures");
            }
        }, RunOptions.Deterministic(seed: 3));
        try
        {
            Loop.Run(async () =>
            {
                var (_, rx) = MemoryChannel.OpenRendezvous<int>("nobody sends");
                await rx.Receive();
            });
        }
        catch (DeadlockException e)
        {
            BlockedStrand blocked = e.Blocked[0];
            log.Add($"deadlock: {blocked.WaitingOn}");
        }
        return log;
    }

    /// <summary>The thread versions on two OS threads, beside System.Threading's own Lock, Semaphore and Barrier and System.Threading.Channels.</summary>
    public static List<string> Threads()
    {
        var log = new List<string>();
        var logGate = new Lock();
        void Log(string line)
        {
            lock (logGate) log.Add(line);
        }

        var threadLock = new ThreadLock();
        var threadSemaphore = new ThreadSemaphore(1);
        var threadBounded = new ThreadBoundedSemaphore(1);
        var threadCondition = new ThreadCondition();
        using var threadEvent = new ThreadEvent();
        using var threadBarrier = new ThreadBarrier(2);
        using var threadReadersWriter = new ThreadReadersWriterLock();
        var threadChannel = new ThreadChannel<int>(capacity: 1);
        using var semaphore = new Semaphore(1, 1);
        using var barrier = new Barrier(2);
        var channel = Channel.CreateBounded<int>(1);
        ISemaphore asSemaphore = threadSemaphore;
        var total = 0;
        var ready = false;

        var other = new Thread(() =>
        {
            for (var i = 1; i <= 3; i++) threadChannel.Send(i);
            threadChannel.Close();
            threadEvent.Wait();
            threadCondition.Acquire();
            threadCondition.WaitFor(() => ready);
            threadCondition.Release();
            threadBarrier.Wait();
            barrier.SignalAndWait();
            channel.Writer.TryWrite(7);
            channel.Writer.Complete();
        });
        other.Start();
        foreach (var item in threadChannel.ReadAll())
        {
            threadLock.Acquire();
            total += item;
            threadLock.Release();
        }
        Log($"thread channel {total}");
        threadEvent.Set();
        threadCondition.Acquire();
        ready = true;
        threadCondition.NotifyAll();
        threadCondition.Release();
        threadBarrier.Wait();
        barrier.SignalAndWait();
        threadSemaphore.Acquire();
        threadSemaphore.Release();
        asSemaphore.AcquireAsync();
        asSemaphore.Release();
        threadBounded.Acquire();
        threadBounded.Release();
        threadReadersWriter.AcquireRead();
        threadReadersWriter.ReleaseRead();
        semaphore.WaitOne();
        semaphore.Release();
        other.Join();
        Log($"System.Threading.Channels {string.Join(",", channel.Reader.ReadAllAsync().ToBlockingEnumerable())}");
        return log;
    }
}
