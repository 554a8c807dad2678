using System.Diagnostics;
using Braid.Overheads.Child;

namespace Braid.Overheads.Units;

/// <summary>An OS process running .NET: <c>braid child</c>, as a <c>braid worker</c> would be started.</summary>
public sealed class BraidChildProcessUnit : IConcurrencyUnit
{
    /// <inheritdoc />
    public string Name => "process (braid child)";

    /// <inheritdoc />
    public int MaxUnits(bool quick) => quick ? 10 : 100;

    /// <inheritdoc />
    public CreateJoinResult CreateJoin(int n)
    {
        var clock = Stopwatch.StartNew();
        var children = new List<Process>(n);
        try
        {
            for (var i = 0; i < n; i++) children.Add(ChildLauncher.Start(["exit"], redirectInput: false, redirectOutput: false));
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
        var child = ChildLauncher.Start(["park"]);
        if (child.StandardOutput.ReadLine() != "ready") throw new InvalidOperationException("braid child did not get ready");
        return child;
    });

    /// <inheritdoc />
    public TimeSpan PingPong(int rounds, Action<int>? echoed = null)
    {
        using var child = ChildLauncher.Start(["echo"]);
        return ProcessPingPong.Run(child, rounds, echoed);
    }
}
