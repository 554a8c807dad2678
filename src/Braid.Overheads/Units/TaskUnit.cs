using System.Diagnostics;
using System.Threading.Channels;

namespace Braid.Overheads.Units;

/// <summary>A <see cref="Task"/> running an async method: memory is the bytes allocated per parked task, switches are awaits.</summary>
public sealed class TaskUnit : IConcurrencyUnit
{
    /// <inheritdoc />
    public string Name => "Task (async)";

    /// <inheritdoc />
    public int MaxUnits(bool quick) => 10_000;

    /// <inheritdoc />
    public CreateJoinResult CreateJoin(int n)
    {
        var completed = 0;
        var clock = Stopwatch.StartNew();
        var tasks = new Task[n];
        for (var i = 0; i < n; i++) tasks[i] = Task.Run(() => Interlocked.Increment(ref completed));
        Task.WaitAll(tasks);
        return new(clock.Elapsed, Volatile.Read(ref completed));
    }

    /// <inheritdoc />
    public MemoryFigure MemoryPerUnit(int n)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        OsThreadUnit.Settle();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var tasks = new Task[n];
        for (var i = 0; i < n; i++) tasks[i] = Parked(gate.Task);
        var after = GC.GetTotalAllocatedBytes(precise: true);
        gate.SetResult();
        Task.WaitAll(tasks);
        return new((after - before) / (double)n, "allocated bytes");
    }

    private static async Task Parked(Task gate)
    {
        await gate.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public TimeSpan PingPong(int rounds, Action<int>? echoed = null)
    {
        var ping = System.Threading.Channels.Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var pong = System.Threading.Channels.Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var other = Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                var v = await ping.Reader.ReadAsync().ConfigureAwait(false);
                pong.Writer.TryWrite(v);
            }
        });
        var clock = Stopwatch.StartNew();
        Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                ping.Writer.TryWrite(i);
                var back = await pong.Reader.ReadAsync().ConfigureAwait(false);
                echoed?.Invoke(back);
            }
        }).GetAwaiter().GetResult();
        var elapsed = clock.Elapsed;
        other.GetAwaiter().GetResult();
        return elapsed;
    }
}
