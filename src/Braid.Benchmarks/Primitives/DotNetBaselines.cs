using System.Threading.Channels;
using Braid.Benchmarks.Baselines;

namespace Braid.Benchmarks.Primitives;

/// <summary>The .NET baselines: SemaphoreSlim and System.Threading.Channels, on one thread and on the thread pool.</summary>
internal static class DotNetBaselines
{
    public static void SemaphoreSlimUncontended(int n)
    {
        using var s = new SemaphoreSlim(1);
        for (var i = 0; i < n; i++)
        {
            s.Wait();
            s.Release();
        }
    }

    /// <summary>SemaphoreSlim as an async lock, four tasks taking turns on one thread (as Braid's contended lock).</summary>
    public static void SemaphoreSlimContended(int n) => SingleThreadContext.Run(async () =>
    {
        using var s = new SemaphoreSlim(1);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            for (var i = 0; i < n / 4; i++)
            {
                await s.WaitAsync();
                await Task.Yield();
                s.Release();
            }
        }));
    });

    public static void SemaphoreSlimAsyncUncontended(int n) => SingleThreadContext.Run(async () =>
    {
        using var s = new SemaphoreSlim(4);
        for (var i = 0; i < n; i++)
        {
            await s.WaitAsync();
            s.Release();
        }
    });

    /// <summary>The .NET event: a TaskCompletionSource per round, passed to the waiter as Braid's bench passes its Event.</summary>
    public static void TaskCompletionSourceSetWait(int n) => SingleThreadContext.Run(async () =>
    {
        var pass = System.Threading.Channels.Channel.CreateBounded<TaskCompletionSource>(1);
        async Task Wait()
        {
            for (var i = 0; i < n; i++) await (await pass.Reader.ReadAsync()).Task;
        }
        var waiter = Wait(); // started on the single-thread context, like a spawned strand
        for (var i = 0; i < n; i++)
        {
            var e = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await pass.Writer.WriteAsync(e);
            await Task.Yield(); // let the waiter start waiting on it
            e.SetResult();
        }
        await waiter;
    });

    /// <summary>System.Threading.Channels with the idiomatic loops, on the single-thread context or on the thread pool.</summary>
    public static long Channel(int n, int? capacity, int producers, int consumers, bool singleThread)
    {
        long sum = 0;
        async Task Body()
        {
            var channel = capacity is { } c
                ? System.Threading.Channels.Channel.CreateBounded<int>(new BoundedChannelOptions(c) { SingleReader = consumers == 1, SingleWriter = producers == 1 })
                : System.Threading.Channels.Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = consumers == 1, SingleWriter = producers == 1 });
            var senders = Enumerable.Range(0, producers).Select(async p =>
            {
                for (var i = p; i < n; i += producers) await channel.Writer.WriteAsync(i);
            }).ToList();
            var receivers = Enumerable.Range(0, consumers).Select(async _ =>
            {
                long local = 0;
                while (await channel.Reader.WaitToReadAsync())
                {
                    while (channel.Reader.TryRead(out var item)) local += item;
                }
                Interlocked.Add(ref sum, local);
            }).ToList();
            await Task.WhenAll(senders);
            channel.Writer.Complete();
            await Task.WhenAll(receivers);
        }
        if (singleThread) SingleThreadContext.Run(Body);
        else Task.Run(Body).GetAwaiter().GetResult();
        return sum;
    }
}
