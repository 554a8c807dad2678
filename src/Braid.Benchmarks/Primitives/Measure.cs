using System.Diagnostics;

namespace Braid.Benchmarks.Primitives;

/// <summary>Times a benchmark body: warm-up, then the best of a few runs, as operations per second.</summary>
internal static class Measure
{
    /// <summary>Runs <paramref name="body"/> (which performs <paramref name="ops"/> operations) and returns the best rate.</summary>
    public static double Rate(long ops, int runs, Action body)
    {
        // Warm up for a while, not once: the JIT recompiles hot methods at tier 1 only after ~30 calls and a
        // background delay (reset by every new method), and a short warm-up left channel benchmarks on tier-0 code.
        var warm = Stopwatch.StartNew();
        do body();
        while (warm.ElapsedMilliseconds < 1000);
        var best = double.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            var clock = Stopwatch.StartNew();
            body();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return ops / best;
    }
}
