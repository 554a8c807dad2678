using System.Diagnostics;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Orleans.Hosting;

namespace Braid.MapReduce.Orleans.Tests;

/// <summary>The braid command the solution's build made, run as a process: silos, and clients whose output is checked.</summary>
internal static class BraidCommand
{
    /// <summary>The built braid executable, beside the CLI project's output of this configuration.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        // The repository is the folder of bench/, which the peer benchmarks already know how to find.
        var bench = Braid.Reporting.Bench.Peers.BenchDirectory ?? throw new InvalidOperationException("the repository (bench/) was not found");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var braid = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(bench)!, "src", "Braid.Cli", "bin", configuration, "net10.0", "braid");
        return File.Exists(braid) ? braid : throw new InvalidOperationException($"the braid command is not built: {braid}");
    }

    /// <summary>Starts braid with the arguments; output is redirected, the environment added to.</summary>
    public static Process Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return Process.Start(info) ?? throw new InvalidOperationException("braid did not start");
    }

    /// <summary>Runs braid to its end (within a minute); its exit code, standard output and standard error.</summary>
    public static async Task<(int Code, string Out, string Error)> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>How to start a silo: this braid with <c>cluster silo</c>.</summary>
    public static WorkerLaunch Silo { get; } = new(Path, ["cluster", "silo"]);

    public static int FreePort() => SiloProcess.FreePort();
}
