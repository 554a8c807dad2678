using System.Diagnostics;

namespace Braid.Overheads.Child;

/// <summary>
/// How to start the child process that the process units and cross-process transports run as their peer: a program
/// and the arguments that make it run <see cref="ChildProgram"/>, to which the mode and its arguments are added. The
/// host decides it (the <c>braid</c> command gives its own <c>child</c> subcommand); the suite never looks for one.
/// </summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Arguments before the child's mode (for example <c>child</c>, or <c>exec Child.dll</c>).</param>
public sealed record ChildLauncher(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>A start description for the child in mode <paramref name="args"/> with the given streams redirected.</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> args, bool redirectInput = true, bool redirectOutput = true)
    {
        var info = new ProcessStartInfo(FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = redirectOutput,
            RedirectStandardError = false,
        };
        foreach (var a in Arguments.Concat(args)) info.ArgumentList.Add(a);
        // The child is small and short-lived: the workstation GC without its background thread keeps it lean.
        info.Environment["DOTNET_gcConcurrent"] = "0";
        info.Environment["DOTNET_TieredPGO"] = "0";
        return info;
    }

    /// <summary>Starts the child in mode <paramref name="args"/>.</summary>
    public Process Start(IEnumerable<string> args, bool redirectInput = true, bool redirectOutput = true) =>
        Process.Start(StartInfo(args, redirectInput, redirectOutput)) ?? throw new InvalidOperationException($"the child process ({FileName}) did not start");
}
