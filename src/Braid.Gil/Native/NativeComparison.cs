using System.Diagnostics;

namespace Braid.Gil.Native;

/// <summary>One way of running the Mandelbrot kernel on some threads.</summary>
/// <param name="Name">Short label for tables and plots.</param>
/// <param name="NeedsNative">True when it calls the C kernel.</param>
/// <param name="Run">Computes the whole tile on the given number of threads into the buffer; returns the sum of the counts.</param>
public sealed record KernelVariant(string Name, bool NeedsNative, Func<MandelbrotTile, int, int[], long> Run);

/// <summary>A variant's time on some threads, and its speed-up against its own single-thread time and against C on one thread.</summary>
/// <param name="Variant">The variant's name.</param>
/// <param name="Threads">Threads used.</param>
/// <param name="Elapsed">Wall time for the tile.</param>
/// <param name="SpeedUp">Own one-thread time divided by <paramref name="Elapsed"/>.</param>
/// <param name="VersusC">C-on-one-thread time divided by <paramref name="Elapsed"/> (above 1: faster than plain C).</param>
/// <param name="Sum">Sum of the counts: equal for every variant when they agree.</param>
public sealed record KernelPoint(string Variant, int Threads, TimeSpan Elapsed, double SpeedUp, double VersusC, long Sum);

/// <summary>
/// The course's "C extension that does native parallelism", in .NET: one CPU-heavy kernel run in C on .NET threads,
/// in C on its own pthreads, in C# (scalar and vectorised), and under the GIL baton, holding it across the native
/// call or releasing it (Py_BEGIN_ALLOW_THREADS).
/// </summary>
public static class NativeComparison
{
    /// <summary>The variants, in the order of the report.</summary>
    public static IReadOnlyList<KernelVariant> Variants { get; } =
    [
        new("C, .NET threads", true, (tile, threads, counts) => OnThreads(tile, threads, counts, NativeKernel.Rows)),
        new("C, own pthreads", true, (tile, threads, counts) => NativeKernel.PThreads(tile, threads, counts)),
        new("C#, scalar", false, (tile, threads, counts) => OnThreads(tile, threads, counts, ManagedKernels.ScalarRows)),
        new("C#, Vector<double>", false, (tile, threads, counts) => OnThreads(tile, threads, counts, ManagedKernels.VectorRows)),
        new("C under baton, held", true, (tile, threads, counts) => UnderBaton(tile, threads, counts, release: false)),
        new("C under baton, released", true, (tile, threads, counts) => UnderBaton(tile, threads, counts, release: true)),
    ];

    /// <summary>
    /// Runs every variant on 1..<paramref name="maxThreads"/> threads. Variants that need the C kernel are skipped
    /// when it was not built (see <see cref="NativeKernel.IsAvailable"/>).
    /// </summary>
    public static IReadOnlyList<KernelPoint> Run(MandelbrotTile tile, int maxThreads)
    {
        var counts = tile.NewBuffer();
        var runnable = Variants.Where(v => !v.NeedsNative || NativeKernel.IsAvailable).ToList();
        // Warm up every variant (JIT up to its optimised tier, library load, page faults) on a strip of the tile.
        var strip = tile with { Height = Math.Min(tile.Height, 16) };
        foreach (var v in runnable)
        {
            for (var i = 0; i < 3; i++) v.Run(strip, 2, counts);
        }

        var baseline = NativeKernel.IsAvailable ? Time(runnable[0], tile, 1, counts).Elapsed : (TimeSpan?)null;
        var points = new List<KernelPoint>();
        foreach (var v in runnable)
        {
            TimeSpan? single = null;
            for (var threads = 1; threads <= maxThreads; threads++)
            {
                var (elapsed, sum) = Time(v, tile, threads, counts);
                single ??= elapsed;
                points.Add(new(v.Name, threads, elapsed, single.Value / elapsed, baseline is { } b ? b / elapsed : double.NaN, sum));
            }
        }
        return points;
    }

    /// <summary>The best of three runs: the machine is shared, and the fastest run is the one least disturbed.</summary>
    private static (TimeSpan Elapsed, long Sum) Time(KernelVariant v, MandelbrotTile tile, int threads, int[] counts)
    {
        var best = TimeSpan.MaxValue;
        long sum = 0;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            sum = v.Run(tile, threads, counts);
            best = TimeSpan.FromTicks(Math.Min(best.Ticks, clock.Elapsed.Ticks));
        }
        return (best, sum);
    }

    /// <summary>Runs a row kernel on <paramref name="threads"/> .NET threads, rows dealt round-robin as the C code does.</summary>
    public static long OnThreads(MandelbrotTile tile, int threads, int[] counts, Func<MandelbrotTile, int, int, int[], long> rows)
    {
        var sums = new long[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (var row = t; row < tile.Height; row += threads) sums[t] += rows(tile, row, row + 1, counts);
        })).ToList();
        foreach (var w in workers) w.Start();
        foreach (var w in workers) w.Join();
        return sums.Sum();
    }

    /// <summary>
    /// Runs the C kernel a row at a time on threads that must hold the baton to run, as Python threads calling a C
    /// extension do. With <paramref name="release"/> false the baton is held across each call (an extension that
    /// keeps the GIL): only one thread computes at a time. With it true the call runs with the baton released
    /// (Py_BEGIN_ALLOW_THREADS): the threads compute in parallel and take the baton only between rows.
    /// </summary>
    public static long UnderBaton(MandelbrotTile tile, int threads, int[] counts, bool release)
    {
        var baton = new Baton();
        return OnThreads(tile, threads, counts, (t, row0, row1, c) =>
        {
            using (baton.Hold())
            {
                if (!release) return NativeKernel.Rows(t, row0, row1, c);
                using (baton.Released()) return NativeKernel.Rows(t, row0, row1, c);
            }
        });
    }
}
