namespace Braid.Benchmarks.Baselines;

/// <summary>
/// The fair baseline for async code on one thread: a lean SynchronizationContext whose posts go into a plain queue
/// that the calling thread drains (no BlockingCollection, no thread pool), so <c>await</c> continuations of Tasks
/// and ValueTasks run one at a time on that thread, as Braid's strands do on its loop. Shared by the benchmarks that
/// compare Braid with Task-based code on a single thread.
/// </summary>
public sealed class SingleThreadContext : SynchronizationContext
{
    private readonly object _gate = new();
    private Queue<(SendOrPostCallback Callback, object? State)> _incoming = new();
    private Queue<(SendOrPostCallback Callback, object? State)> _draining = new();

    /// <summary>Runs <paramref name="main"/> on the calling thread with this context installed, until its task completes.</summary>
    public static void Run(Func<Task> main)
    {
        var previous = Current;
        var context = new SingleThreadContext();
        SetSynchronizationContext(context);
        try
        {
            var task = main();
            context.DrainUntil(task);
            task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            _incoming.Enqueue((d, state));
            if (_incoming.Count == 1) Monitor.Pulse(_gate);
        }
    }

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("SingleThreadContext only posts.");

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;

    private void DrainUntil(Task task)
    {
        while (!task.IsCompleted)
        {
            lock (_gate)
            {
                while (_incoming.Count == 0)
                {
                    if (task.IsCompleted) return;
                    Monitor.Wait(_gate, 10);
                }
                // Swap the queues, so the lock is taken once per batch, not once per callback.
                (_incoming, _draining) = (_draining, _incoming);
            }
            while (_draining.TryDequeue(out var work)) work.Callback(work.State);
        }
    }
}
