using System.Diagnostics;

namespace Braid.Benchmarks;

/// <summary>Timing helpers for the benchmark suites: best of several runs, since the machine is shared and noisy.</summary>
public static class Measure
{
    /// <summary>Runs <paramref name="run"/> <paramref name="repeats"/> times and returns the fastest wall time.</summary>
    public static TimeSpan Best(int repeats, Action run)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var clock = Stopwatch.StartNew();
            run();
            var elapsed = clock.Elapsed;
            if (elapsed < best) best = elapsed;
        }
        return best;
    }

    /// <summary>Nanoseconds per operation.</summary>
    public static double NanosPer(TimeSpan elapsed, long operations) => elapsed.TotalMilliseconds * 1e6 / operations;
}
