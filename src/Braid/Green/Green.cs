namespace Braid;

/// <summary>
/// Green threads, after gevent's greenlets: blocking-style code (no async, no await) scheduled by Braid's loop. One
/// runs at a time; each cooperative call here blocks the calling green thread and lets the loop run everything else
/// (green threads and coroutines alike, which share the loop, its channels and its locks). Deterministic mode (a seed,
/// virtual time) applies to green threads as to coroutines.
/// </summary>
/// <remarks>
/// Each green thread is a strand whose body runs on its own OS thread while the loop thread waits for it (the CLR
/// cannot switch stacks): a switch costs two OS thread hand-offs, not greenlet's stack copy. Every call here except
/// <see cref="Run"/>, <see cref="Spawn"/> and <see cref="IsGreenThread"/> is green-only: from a coroutine or a plain
/// thread it throws <see cref="InvalidOperationException"/>. A blocking call that is not Braid's (Thread.Sleep, a
/// blocking socket read) blocks the loop and so every green thread; compile with <c>BraidMonkeyPatch</c> to redirect
/// such calls here.
/// </remarks>
public static class Green
{
    /// <summary>Runs <paramref name="main"/> as a green thread on a new loop on this thread, until it and everything it spawned finish.</summary>
    public static void Run(Action main, RunOptions? options = null) =>
        Loop.Run(() => new GreenThread(main, "main").RunAsync(), options);

    /// <summary>
    /// Spawns a green thread running <paramref name="body"/> beside the caller (a coroutine or a green thread on the
    /// loop); join it with <see cref="Join"/> from green code or <c>await strand.Join()</c> from a coroutine.
    /// </summary>
    public static Strand Spawn(Action body, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        Kernel.Require();
        return Loop.Spawn(() => new GreenThread(body, name).RunAsync(), name);
    }

    /// <summary>True when the calling code runs in a green thread.</summary>
    public static bool IsGreenThread => GreenThread.Current is not null;

    /// <summary>Sleeps for <paramref name="delay"/> on the loop clock (gevent.sleep); other strands run meanwhile.</summary>
    public static void Sleep(TimeSpan delay) => GreenThread.Require("Green.Sleep").Call(() => SleepAsync(delay));

    /// <summary>Lets every other runnable strand run, then goes on (gevent.sleep(0)).</summary>
    public static void Yield() => GreenThread.Require("Green.Yield").Call(YieldAsync);

    /// <summary>Waits until <paramref name="strand"/> (a green thread or a coroutine) finishes; rethrows its failure.</summary>
    public static void Join(Strand strand)
    {
        ArgumentNullException.ThrowIfNull(strand);
        GreenThread.Require("Green.Join").Call(() => JoinAsync(strand));
    }

    /// <summary>
    /// Runs a Braid operation on the loop for this green thread and blocks it until the operation finishes: the one
    /// bridge to every primitive and channel (<c>Green.Wait(() =&gt; semaphore.AcquireAsync())</c>).
    /// </summary>
    public static void Wait(Func<Coroutine> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        GreenThread.Require("Green.Wait").Call(operation);
    }

    /// <summary>Runs a Braid operation on the loop for this green thread, blocks until it finishes, and returns its result.</summary>
    public static T Wait<T>(Func<Coroutine<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var green = GreenThread.Require("Green.Wait");
        var result = default(T)!;
        green.Call(async () => result = await operation());
        return result;
    }

    /// <summary>Waits on a Braid primitive for this green thread (<c>Green.Wait(() =&gt; mutex.Acquire())</c>): any wait that parks a strand.</summary>
    public static void Wait(Func<ParkAwaitable> wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        GreenThread.Require("Green.Wait").Call(async () => await wait());
    }

    /// <summary>Sends <paramref name="item"/> on a Braid channel, blocking this green thread while the channel is full.</summary>
    public static void Send<T>(ChannelSender<T> sender, T item)
    {
        ArgumentNullException.ThrowIfNull(sender);
        GreenThread.Require("Green.Send").Call(async () => await sender.Send(item));
    }

    /// <summary>Receives from a Braid channel, blocking this green thread while the channel is empty.</summary>
    public static T Receive<T>(ChannelReceiver<T> receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var green = GreenThread.Require("Green.Receive");
        var item = default(T)!;
        green.Call(async () => item = await receiver.Receive());
        return item;
    }

    private static async Coroutine SleepAsync(TimeSpan delay) => await Loop.Sleep(delay);

    private static async Coroutine YieldAsync() => await Loop.Yield();

    private static async Coroutine JoinAsync(Strand strand) => await strand.Join();
}
