using System.Diagnostics;

namespace Braid.Overheads.Units;

/// <summary>A minimal native OS process: <c>/bin/true</c> to create and join, <c>/bin/cat</c> to park and to echo.</summary>
public sealed class NativeChildProcessUnit : IConcurrencyUnit
{
    /// <inheritdoc />
    public string Name => "process (native: true, cat)";

    /// <inheritdoc />
    public int MaxUnits(bool quick) => quick ? 100 : 1_000;

    /// <inheritdoc />
    public CreateJoinResult CreateJoin(int n)
    {
        var clock = Stopwatch.StartNew();
        var children = new List<Process>(n);
        try
        {
            for (var i = 0; i < n; i++) children.Add(Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!);
            foreach (var c in children) c.WaitForExit();
            return new(clock.Elapsed, children.Count(c => c.ExitCode == 0));
        }
        finally
        {
            foreach (var c in children) c.Dispose();
        }
    }

    /// <inheritdoc />
    public MemoryFigure MemoryPerUnit(int n) => ProcessMemory.Measure(n, () =>
    {
        var cat = StartCat();
        // One byte there and back: cat is running and parked on its input.
        ProcessPingPong.Run(cat, 1);
        return cat;
    });

    /// <inheritdoc />
    public TimeSpan PingPong(int rounds, Action<int>? echoed = null)
    {
        using var cat = StartCat();
        return ProcessPingPong.Run(cat, rounds, echoed);
    }

    private static Process StartCat() => Process.Start(new ProcessStartInfo("/bin/cat")
    {
        UseShellExecute = false,
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
    })!;
}
