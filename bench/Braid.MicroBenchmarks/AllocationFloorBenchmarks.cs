using BenchmarkDotNet.Attributes;

namespace Braid.MicroBenchmarks;

/// <summary>
/// The floor under spawn+join of 1,000,000: only allocating a million objects of a strand's size (112 B), or of an
/// async Task's size with the continuation delegate it posts (96 B + 64 B), and keeping them alive until the last is
/// made. No runtime at all: what is left of a spawn+join figure above this is the runtime's own work.
/// </summary>
[Config(typeof(BothGcModes))]
public class AllocationFloorBenchmarks
{
    private const int Count = 1_000_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int TaskSized() => KeepAlive(static () => new TaskLike { Continuation = new DelegateLike() });

    [Benchmark(OperationsPerInvoke = Count)]
    public int StrandSized() => KeepAlive(static () => new StrandLike());

    private static int KeepAlive(Func<object> make)
    {
        var all = new object[Count];
        for (var i = 0; i < all.Length; i++) all[i] = make();
        return all.Length;
    }

    // Sizes as measured on the real objects (field offsets and RuntimeHelpers' object size, .NET 10 x64): 112 B for a
    // strand over an int body; 96 B for an async Task<int>'s state-machine box and 64 B for the Action it posts.
#pragma warning disable CS0169, CS0649 // the fields are there for their size
    private sealed class StrandLike
    {
        private object? _a, _b, _c, _d, _e, _f, _g;
        private long _h, _i, _j, _k, _l;
    }

    private sealed class TaskLike
    {
        public DelegateLike? Continuation;
        private object? _a, _b, _c, _d;
        private long _h, _i, _j, _k, _l;
    }

    private sealed class DelegateLike
    {
        private object? _a, _b, _c, _d, _e;
        private long _f;
    }
#pragma warning restore CS0169, CS0649
}
