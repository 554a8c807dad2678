using System.Diagnostics;
using System.IO.Pipes;

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
/// <param name="Repeats">Runs of each point; the fastest counts, as the least disturbed on a shared machine.</param>
public sealed record LabSize(int CpuUnits, int IoOperations, TimeSpan IoBlock, int ConvoyOperations, int Repeats = 1)
{
    /// <summary>The short form (about ten seconds in all).</summary>
    public static LabSize Quick { get; } = new(2_500, 48, TimeSpan.FromMilliseconds(5), 60, Repeats: 3);

    /// <summary>The full form.</summary>
    public static LabSize Full { get; } = new(10_000, 192, TimeSpan.FromMilliseconds(5), 200, Repeats: 3);
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
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        // Rounds go over every thread count in turn, so that a disturbance on the shared machine spreads over all
        // points instead of spoiling one; each point keeps its fastest run.
        var best = new TimeSpan[maxThreads + 1];
        var forced = new long[maxThreads + 1];
        Array.Fill(best, TimeSpan.MaxValue);
        for (var repeat = 0; repeat < Math.Max(1, size.Repeats); repeat++)
        {
            for (var threads = 1; threads <= maxThreads; threads++)
            {
                var baton = withBaton ? new Baton(switchInterval) : null;
                var count = threads;
                var run = Measure(threads, i =>
                {
                    var result = work == LabWork.Cpu
                        ? Interpreted.CpuBound(baton, Share(size.CpuUnits, count, i), (ulong)i + 1)
                        : Interpreted.IoBound(baton, Share(size.IoOperations, count, i), size.IoBlock, (ulong)i + 1);
                    GC.KeepAlive(result);
                });
                if (run < best[threads]) (best[threads], forced[threads]) = (run, baton?.ForcedSwitches ?? 0);
            }
        }
        var points = Enumerable.Range(1, maxThreads)
            .Select(t => new LabPoint(work, withBaton, t, best[t], best[1] / best[t], forced[t]))
            .ToList();
        return points;
    }

    /// <summary>Measures the convoy effect: an I/O-bound thread alone, then beside a CPU-bound thread, with and without the baton.</summary>
    public static ConvoyResult Convoy(LabSize size, TimeSpan? switchInterval = null)
    {
        using var echo = new PipeEcho();
        for (var i = 0; i < 100; i++) echo.RoundTrip(); // warm up: the echo thread is running, the code is compiled
        // The fast cases run twenty times as many calls, so that each measurement lasts about as long.
        var alone = IoRate(new Baton(switchInterval), withCpuThread: false, echo, 20 * size.ConvoyOperations);
        var beside = IoRate(new Baton(switchInterval), withCpuThread: true, echo, size.ConvoyOperations);
        var free = IoRate(null, withCpuThread: true, echo, 20 * size.ConvoyOperations);
        return new(alone, beside, free);
    }

    /// <summary>
    /// The rate of an I/O thread whose every step is a round trip through a pipe to an echo thread (a real blocking
    /// call, made without the baton) and a little computation with it.
    /// </summary>
    private static double IoRate(Baton? baton, bool withCpuThread, PipeEcho echo, int operations)
    {
        using var stop = new CancellationTokenSource();
        using var cpuStarted = new ManualResetEventSlim();
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
        var clock = Stopwatch.StartNew();
        baton?.Acquire();
        ulong y = 1;
        for (var i = 0; i < operations; i++)
        {
            y = Interpreted.CpuUnit(y, 100);
            baton?.Tick();
            if (baton is null)
            {
                echo.RoundTrip();
            }
            else
            {
                using (baton.Released()) echo.RoundTrip();
            }
        }
        baton?.Release();
        var rate = operations / clock.Elapsed.TotalSeconds;
        stop.Cancel();
        cpu?.Join();
        GC.KeepAlive(y);
        return rate;
    }

    /// <summary>A thread that echoes bytes back through a pair of anonymous pipes: a blocking call that really waits.</summary>
    private sealed class PipeEcho : IDisposable
    {
        private readonly AnonymousPipeServerStream _down = new(PipeDirection.Out);
        private readonly AnonymousPipeServerStream _up = new(PipeDirection.In);
        private readonly Thread _thread;
        private readonly byte[] _one = new byte[1];

        public PipeEcho()
        {
            var down = new AnonymousPipeClientStream(PipeDirection.In, _down.ClientSafePipeHandle);
            var up = new AnonymousPipeClientStream(PipeDirection.Out, _up.ClientSafePipeHandle);
            _thread = new Thread(() =>
            {
                var b = new byte[1];
                while (down.Read(b) == 1) up.Write(b);
                down.Dispose();
                up.Dispose();
            }) { IsBackground = true, Name = "convoy echo" };
            _thread.Start();
        }

        public void RoundTrip()
        {
            _down.Write(_one);
            if (_up.Read(_one) != 1) throw new EndOfStreamException("the echo thread stopped");
        }

        public void Dispose()
        {
            _down.Dispose();
            _thread.Join();
            _up.Dispose();
        }
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
