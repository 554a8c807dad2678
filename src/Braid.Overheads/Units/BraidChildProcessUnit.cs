using System.Diagnostics;
using Braid.Overheads.Child;

namespace Braid.Overheads.Units;

/// <summary>An OS process running .NET: <c>braid child</c>, as a <c>braid worker</c> would be started.</summary>
/// <param name="child">How to start the child process.</param>
public sealed class BraidChildProcessUnit(ChildLauncher child) : IConcurrencyUnit
{
    /// <summary>The unit's name in tables and results.</summary>
    public const string UnitName = "process (braid child)";

    /// <inheritdoc />
    public string Name => UnitName;

    /// <inheritdoc />
    public int MaxUnits(bool quick) => quick ? 10 : 100;

    /// <inheritdoc />
    public CreateJoinResult CreateJoin(int n)
    {
        var clock = Stopwatch.StartNew();
        var children = new List<Process>(n);
        try
        {
            for (var i = 0; i < n; i++) children.Add(child.Start(["exit"], redirectInput: false, redirectOutput: false));
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
        var parked = child.Start(["park"]);
        if (parked.StandardOutput.ReadLine() != "ready") throw new InvalidOperationException("braid child did not get ready");
        return parked;
    });

    /// <inheritdoc />
    public TimeSpan PingPong(int rounds, Action<int>? echoed = null)
    {
        using var echo = child.Start(["echo"]);
        return ProcessPingPong.Run(echo, rounds, echoed);
    }
}
