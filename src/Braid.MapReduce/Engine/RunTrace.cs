using System.Diagnostics;

namespace Braid.MapReduce.Engine;

/// <summary>
/// A timeline of a run on stderr, for finding where the time goes: set <c>BRAID_MAPREDUCE_TRACE=1</c>. Each line has
/// the wall-clock time (so lines from the coordinator and its workers line up), the process id, the process's CPU time
/// so far, and what happened. Worker processes inherit the variable and their lines are passed on by the coordinator.
/// </summary>
public static class RunTrace
{
    /// <summary>The environment variable that turns tracing on.</summary>
    public const string Variable = "BRAID_MAPREDUCE_TRACE";

    /// <summary>True when tracing is on.</summary>
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Writes one line when tracing is on.</summary>
    public static void Log(string message)
    {
        if (!Enabled) return;
        using var self = Process.GetCurrentProcess();
        Console.Error.WriteLine($"trace {DateTime.UtcNow:HH:mm:ss.fff} pid {Environment.ProcessId} cpu {self.TotalProcessorTime.TotalMilliseconds:0} ms: {message}");
    }
}
