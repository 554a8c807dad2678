using System.Runtime.ExceptionServices;

namespace Braid;

/// <summary>
/// A green thread: blocking-style code scheduled by Braid's loop like any strand.
///
/// The CLR cannot switch stacks, so the body runs on an OS thread of its own, and a baton decides who runs: the loop
/// thread or that OS thread, never both. To the kernel the green thread is an ordinary strand whose coroutine
/// (<see cref="RunAsync"/>, the proxy) hands the baton to the body and waits for it back. When the body makes a
/// cooperative call (<see cref="Green.Sleep"/>, <see cref="Green.Wait(Func{Coroutine})"/>, ...) it leaves the call,
/// a coroutine, with the proxy, hands the baton back and blocks; the proxy awaits the coroutine on the loop, so the
/// strand parks like any other, and when it resumes the proxy hands the baton (and the call's outcome) back to the
/// body. This is gevent's hub in .NET terms: "register interest, switch to the hub".
///
/// Invariant: exactly one of the loop thread and the body's thread runs (each hand-off releases one semaphore and
/// waits on the other), so the kernel, lent to the body's thread while it runs, is still used by one thread at a time.
/// </summary>
internal sealed class GreenThread
{
    /// <summary>Each green thread's OS thread reserves this much stack (the default 8 MiB of glibc would be wasteful).</summary>
    public const int StackSize = 256 * 1024;

    [ThreadStatic] private static GreenThread? t_current;

    private readonly Action _body;
    private readonly string? _name;
    private readonly SemaphoreSlim _bodyTurn = new(0, 1);
    private readonly SemaphoreSlim _loopTurn = new(0, 1);
    private Kernel? _kernel;
    private Func<Coroutine>? _call;
    private Exception? _callError;
    private Exception? _bodyError;
    private bool _finished;

    public GreenThread(Action body, string? name)
    {
        _body = body;
        _name = name;
    }

    /// <summary>The green thread running on this OS thread, or null (a coroutine, the loop thread, a plain thread).</summary>
    public static GreenThread? Current => t_current;

    /// <summary>The proxy: the strand's coroutine, which runs the body in turns, awaiting its cooperative calls on the loop.</summary>
    public async Coroutine RunAsync()
    {
        _kernel = Kernel.Require();
        var thread = new Thread(BodyMain, StackSize) { IsBackground = true, Name = "green " + (_name ?? Loop.CurrentStrand.Name) };
        thread.Start();
        HandOver();
        while (!_finished)
        {
            var call = _call!;
            _call = null;
            try
            {
                await call();
            }
            catch (Exception e)
            {
                _callError = e;
            }
            HandOver();
        }
        if (_bodyError is { } error) ExceptionDispatchInfo.Capture(error).Throw();
    }

    /// <summary>On the loop thread: gives the baton to the body and waits until it blocks in a cooperative call or ends.</summary>
    private void HandOver()
    {
        _bodyTurn.Release();
        // The loop waits for its own green thread by design (the baton), so the loop's context must not take this
        // wait for sync over async: it is hidden from the context for the hand-over.
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            _loopTurn.Wait();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    private void BodyMain()
    {
        _bodyTurn.Wait();
        t_current = this;
        Kernel.LendToThisThread(_kernel);
        try
        {
            _body();
        }
        catch (Exception e)
        {
            _bodyError = e;
        }
        _finished = true;
        Kernel.LendToThisThread(null);
        t_current = null;
        _loopTurn.Release();
    }

    /// <summary>On the body's thread: has the proxy await <paramref name="call"/> on the loop; blocks until it is done, rethrows its failure.</summary>
    public void Call(Func<Coroutine> call)
    {
        _call = call;
        _loopTurn.Release();
        _bodyTurn.Wait();
        if (_callError is { } error)
        {
            _callError = null;
            ExceptionDispatchInfo.Capture(error).Throw();
        }
    }

    /// <summary>The green thread on this OS thread; a clear error for a coroutine or a plain thread.</summary>
    public static GreenThread Require(string call) => t_current ?? throw new InvalidOperationException(
        $"{call} is a green-thread call: it blocks the calling green thread and lets the loop run the others, and this " +
        (Kernel.Current is null
            ? "thread is not a green thread (start one with Green.Run or Green.Spawn)."
            : "code runs in a coroutine, not a green thread: await the Braid operation instead (Loop.Sleep, Loop.Yield, strand.Join(), ...)."));
}
