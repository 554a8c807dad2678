namespace Braid.Benchmarks.Baselines;

/// <summary>
/// The fair baseline for a single-threaded loop: async/await on Task with a SynchronizationContext whose posts go
/// into a plain queue drained by one thread. Lean on purpose (no BlockingCollection, no locks on the same-thread
/// path), so a comparison with Braid measures the runtimes and not a slow harness.
/// </summary>
public sealed class SingleThreadContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _ready = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _fromOtherThreads = new();
    private readonly int _ownerThread = Environment.CurrentManagedThreadId;

    /// <summary>Runs <paramref name="main"/> with this context on the calling thread until its task completes.</summary>
    public static void Run(Func<Task> main) => Run(async () =>
    {
        await main();
        return 0;
    });

    /// <summary>Runs <paramref name="main"/> with this context on the calling thread until its task completes; returns its result.</summary>
    public static T Run<T>(Func<Task<T>> main)
    {
        var previous = Current;
        var context = new SingleThreadContext();
        SetSynchronizationContext(context);
        try
        {
            var task = main();
            context.DrainUntil(task);
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state)
    {
        if (Environment.CurrentManagedThreadId == _ownerThread)
        {
            _ready.Enqueue((d, state));
            return;
        }
        lock (_fromOtherThreads)
        {
            _fromOtherThreads.Enqueue((d, state));
            Monitor.Pulse(_fromOtherThreads);
        }
    }

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();

    private void DrainUntil(Task task)
    {
        while (!task.IsCompleted)
        {
            while (_ready.TryDequeue(out var work)) work.Callback(work.State);
            if (task.IsCompleted) break;
            lock (_fromOtherThreads)
            {
                while (_fromOtherThreads.Count == 0 && _ready.Count == 0 && !task.IsCompleted) Monitor.Wait(_fromOtherThreads, 10);
                while (_fromOtherThreads.TryDequeue(out var work)) _ready.Enqueue(work);
            }
        }
    }
}
