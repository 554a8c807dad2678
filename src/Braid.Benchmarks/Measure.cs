using System.Diagnostics;

namespace Braid.Benchmarks;

/// <summary>
/// The one measurement harness of every benchmark suite: warm up until the JIT is done (<see cref="WarmUp"/>), then
/// the best of several runs (<see cref="Best"/>), since the machine is shared and noisy.
/// </summary>
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

    /// <summary>
    /// Runs <paramref name="run"/> repeatedly for at least <paramref name="minimum"/>, and on until the JIT has compiled
    /// nothing new for a quarter of a second (at most 20 s): tiered compilation promotes code to optimised (and
    /// profile-guided) code only after many calls and a delay, on a background thread that a loaded machine starves,
    /// while the BCL starts precompiled; measuring before it is done compares tier-0 code with optimised code. The
    /// quiet spell outlasts the runtime's tiering delay (100 ms), during which nothing is compiled although much is due.
    /// </summary>
    public static void WarmUp(TimeSpan minimum, Action run)
    {
        var clock = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var lastCompile = TimeSpan.Zero;
        while (true)
        {
            run();
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                lastCompile = clock.Elapsed;
            }
            var quiet = clock.Elapsed - lastCompile >= QuietSpell;
            if ((clock.Elapsed >= minimum && quiet) || clock.Elapsed >= MaxWarmUp) return;
        }
    }

    private static readonly TimeSpan QuietSpell = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Operations per second of <paramref name="body"/>, which performs <paramref name="operations"/> operations:
    /// warmed up by <see cref="WarmUp"/> (at least <paramref name="minimumWarmUp"/>, one second if not given), then
    /// the fastest of <paramref name="runs"/> runs (<see cref="Best"/>).
    /// </summary>
    public static double Rate(long operations, int runs, Action body, TimeSpan? minimumWarmUp = null)
    {
        WarmUp(minimumWarmUp ?? TimeSpan.FromSeconds(1), body);
        return operations / Best(runs, body).TotalSeconds;
    }

    /// <summary>Nanoseconds per operation.</summary>
    public static double NanosPer(TimeSpan elapsed, long operations) => elapsed.TotalMilliseconds * 1e6 / operations;
}
