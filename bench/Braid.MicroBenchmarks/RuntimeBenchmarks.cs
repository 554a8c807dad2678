using BenchmarkDotNet.Attributes;
using Braid.Benchmarks.Runtime;

namespace Braid.MicroBenchmarks;

/// <summary>A context switch: two coroutines ping-pong through yield, against Task.Yield on a single-thread context.</summary>
[Config(typeof(BothGcModes))]
public class SwitchBenchmarks
{
    private const int Rounds = 100_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = 2 * Rounds)]
    public void TaskYield() => TaskProbes.PingPongSingleThread(Rounds);

    [Benchmark(OperationsPerInvoke = 2 * Rounds)]
    public void BraidYield() => BraidProbes.PingPong(Rounds);
}

/// <summary>Spawn N coroutines that each yield once, then join them all; per coroutine.</summary>
[Config(typeof(BothGcModes))]
public class SpawnJoinBenchmarks
{
    private const int Count = 1_000_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int AsyncTask() => TaskProbes.SpawnJoinSingleThread(Count);

    [Benchmark(OperationsPerInvoke = Count)]
    public int BraidStrand() => BraidProbes.SpawnJoin(Count);
}
