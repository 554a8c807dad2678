using Braid.Cli.Commands;
using Braid.MapReduce.Executors;
using Braid.Overheads.Child;

namespace Braid.Cli;

/// <summary>
/// How the <c>braid</c> command starts processes of its own, which it hands to the engines: the map-reduce workers
/// (<c>braid worker</c>, or the ahead-of-time compiled worker published beside it) and the overheads suite's child
/// (<c>braid child</c>). The engines know neither the command nor where it is.
/// </summary>
public static class SelfLaunch
{
    /// <summary>
    /// The workers: the native worker in <c>native-worker/</c> beside this assembly when there is a current one (see
    /// <see cref="WorkerLaunch.NativeWorkerBeside"/>) and <c>BRAID_JIT_WORKER=1</c> does not ask for the JIT's, else
    /// <c>braid worker</c>.
    /// </summary>
    public static WorkerLaunch Worker()
    {
        if (Environment.GetEnvironmentVariable("BRAID_JIT_WORKER") != "1" && WorkerLaunch.NativeWorkerBeside(Directory()) is { } native)
        {
            return new(native, []);
        }
        var (program, prefix) = Self();
        return new(program, [.. prefix, WorkerCommand.Name]);
    }

    /// <summary>The overheads suite's child process: <c>braid child</c>.</summary>
    public static ChildLauncher Child()
    {
        var (program, prefix) = Self();
        return new(program, [.. prefix, ChildCommand.Name]);
    }

    private static string Directory() => Path.GetDirectoryName(Assembly()) ?? AppContext.BaseDirectory;

    private static string Assembly() =>
        typeof(SelfLaunch).Assembly.Location is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, "braid.dll");

    /// <summary>
    /// This very command: its executable (the apphost, or the shim of an installed .NET tool), or, when the dotnet host
    /// runs it (<c>dotnet braid.dll</c>, a test host), the host with this assembly.
    /// </summary>
    private static (string Program, string[] Prefix) Self()
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown");
        return Path.GetFileNameWithoutExtension(self) is "dotnet" or "testhost"
            ? (WorkerLaunch.DotnetHost(), ["exec", Assembly()])
            : (self, []);
    }
}
