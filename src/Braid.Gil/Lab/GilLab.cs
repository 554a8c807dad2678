using System.Diagnostics;

namespace Braid.Gil;

/// <summary>What kind of work the lab runs on its threads.</summary>
public enum LabWork
{
    /// <summary>CPU-bound: units of computation, no blocking.</summary>
    Cpu,

    /// <summary>I/O-bound: short computation, then a blocking wait.</summary>
    Io,
}

/// <summary>One measurement of the lab: a fixed amount of work split over some threads, with or without the baton.</summary>
/// <param name="Work">CPU- or I/O-bound.</param>
/// <param name="WithBaton">True when the threads had to hold the baton to compute.</param>
/// <param name="Threads">How many threads shared the work.</param>
/// <param name="Elapsed">Wall time for all the work.</param>
/// <param name="SpeedUp">Time on one thread (same case) divided by <paramref name="Elapsed"/>.</param>
/// <param name="ForcedSwitches">How often the switch interval made a holder let go.</param>
public sealed record LabPoint(LabWork Work, bool WithBaton, int Threads, TimeSpan Elapsed, double SpeedUp, long ForcedSwitches);

/// <summary>The convoy effect: an I/O-bound thread's rate of blocking calls alone and beside a CPU-bound thread under the baton.</summary>
/// <param name="AloneOpsPerSecond">Blocking calls per second with the I/O thread alone.</param>
/// <param name="BesideCpuOpsPerSecond">Blocking calls per second while a CPU-bound thread holds the baton between its ticks.</param>
/// <param name="WithoutBatonOpsPerSecond">The same pair of threads without any baton.</param>
public sealed record ConvoyResult(double AloneOpsPerSecond, double BesideCpuOpsPerSecond, double WithoutBatonOpsPerSecond)
{
    /// <summary>How many times slower the I/O thread gets beside the CPU-bound thread.</summary>
    public double Slowdown => AloneOpsPerSecond / BesideCpuOpsPerSecond;
}

/// <summary>How big the lab's experiments are.</summary>
/// <param name="CpuUnits">Units of CPU work shared by the threads.</param>
/// <param name="IoOperations">Blocking calls shared by the threads.</param>
/// <param name="IoBlock">How long each blocking call waits.</param>
/// <param name="ConvoyOperations">Blocking calls of the convoy experiment's I/O thread.</param>
public sealed record LabSize(int CpuUnits, int IoOperations, TimeSpan IoBlock, int ConvoyOperations)
{
    /// <summary>The short form (a few seconds in all).</summary>
    public static LabSize Quick { get; } = new(1_500, 48, TimeSpan.FromMilliseconds(5), 60);

    /// <summary>The full form.</summary>
    public static LabSize Full { get; } = new(6_000, 192, TimeSpan.FromMilliseconds(5), 200);
}

/// <summary>
/// The course's GIL experiment, in .NET: the same total work on 1..N threads, with the baton and without it.
/// CPU-bound work under the baton does not speed up; without it, it scales with the cores; I/O-bound work overlaps either way.
/// </summary>
public static class GilLab
{
    /// <summary>Runs one case on 1..<paramref name="maxThreads"/> threads.</summary>
    public static IReadOnlyList<LabPoint> Run(LabWork work, bool withBaton, int maxThreads, LabSize size, TimeSpan? switchInterval = null)
    {
        var points = new List<LabPoint>();
        TimeSpan? single = null;
        for (var threads = 1; threads <= maxThreads; threads++)
        {
            var baton = withBaton ? new Baton(switchInterval) : null;
            var elapsed = Measure(threads, i =>
            {
                var result = work == LabWork.Cpu
                    ? Interpreted.CpuBound(baton, Share(size.CpuUnits, threads, i), (ulong)i + 1)
                    : Interpreted.IoBound(baton, Share(size.IoOperations, threads, i), size.IoBlock, (ulong)i + 1);
                GC.KeepAlive(result);
            });
            single ??= elapsed;
            points.Add(new(work, withBaton, threads, elapsed, single.Value / elapsed, baton?.ForcedSwitches ?? 0));
        }
        return points;
    }

    /// <summary>Measures the convoy effect: an I/O-bound thread alone, then beside a CPU-bound thread, with and without the baton.</summary>
    public static ConvoyResult Convoy(LabSize size, TimeSpan? switchInterval = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"braid-convoy-{Environment.ProcessId}-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, new byte[4096]);
        try
        {
            using var file = File.OpenHandle(path);
            var alone = IoRate(new Baton(switchInterval), withCpuThread: false, file, size.ConvoyOperations);
            var beside = IoRate(new Baton(switchInterval), withCpuThread: true, file, size.ConvoyOperations);
            var free = IoRate(null, withCpuThread: true, file, size.ConvoyOperations);
            return new(alone, beside, free);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The rate of an I/O thread that reads 4 KiB from a file (a real blocking call) without the baton and computes briefly with it.</summary>
    private static double IoRate(Baton? baton, bool withCpuThread, Microsoft.Win32.SafeHandles.SafeFileHandle file, int operations)
    {
        using var stop = new CancellationTokenSource();
        var cpuStarted = new ManualResetEventSlim();
        Thread? cpu = null;
        if (withCpuThread)
        {
            cpu = new Thread(() =>
            {
                baton?.Acquire();
                cpuStarted.Set();
                ulong x = 1;
                while (!stop.IsCancellationRequested)
                {
                    x = Interpreted.CpuUnit(x);
                    baton?.Tick();
                }
                baton?.Release();
                GC.KeepAlive(x);
            }) { IsBackground = true, Name = "convoy cpu" };
            cpu.Start();
            cpuStarted.Wait();
        }
        var buffer = new byte[4096];
        var clock = Stopwatch.StartNew();
        baton?.Acquire();
        ulong y = 1;
        for (var i = 0; i < operations; i++)
        {
            y = Interpreted.CpuUnit(y, 100);
            baton?.Tick();
            if (baton is null)
            {
                RandomAccess.Read(file, buffer, 0);
            }
            else
            {
                using (baton.Released()) RandomAccess.Read(file, buffer, 0);
            }
        }
        baton?.Release();
        var rate = operations / clock.Elapsed.TotalSeconds;
        stop.Cancel();
        cpu?.Join();
        GC.KeepAlive(y);
        return rate;
    }

    private static int Share(int total, int threads, int index) => total / threads + (index < total % threads ? 1 : 0);

    private static TimeSpan Measure(int threads, Action<int> body)
    {
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() => { start.Wait(); body(i); }) { Name = $"lab {i}" }).ToList();
        foreach (var w in workers) w.Start();
        var clock = Stopwatch.StartNew();
        start.Set();
        foreach (var w in workers) w.Join();
        return clock.Elapsed;
    }
}
