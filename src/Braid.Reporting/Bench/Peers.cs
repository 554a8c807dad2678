using System.Diagnostics;

namespace Braid.Reporting.Bench;

/// <summary>The result of running a peer program: its standard output, or why it could not run.</summary>
public sealed record PeerRun(bool Ran, string Output, string Error);

/// <summary>
/// Finds and runs the peer programs (Python, Go) that benchmarks measure beside Braid. Peers come from Debian's
/// packages (<c>bench/install-peers.sh</c>); Python peers run on Debian's own interpreter, not whatever python3 is
/// first on PATH, because that is where python3-trio and friends are installed.
/// </summary>
public static class Peers
{
    /// <summary>Debian's python3, or null when it is not installed.</summary>
    public static string? DebianPython => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : null;

    /// <summary>Debian's go command, or null when golang-go is not installed.</summary>
    public static string? Go => new[] { "/usr/bin/go", "/usr/lib/go/bin/go" }.FirstOrDefault(File.Exists);

    /// <summary>The repository's <c>bench/</c> folder, found by walking up from the working directory and the executable.</summary>
    public static string? BenchDirectory
    {
        get
        {
            foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "bench");
                    if (File.Exists(Path.Combine(candidate, "install-peers.sh"))) return candidate;
                }
            }
            return null;
        }
    }

    /// <summary>True when Debian's python3 can import the given module.</summary>
    public static bool PythonHas(string module) =>
        DebianPython is { } py && Run(py, ["-c", $"import {module}"], TimeSpan.FromSeconds(30)).Ran;

    /// <summary>Runs the installer script; returns false (with the reason in <paramref name="error"/>) when it fails.</summary>
    public static bool Install(out string error)
    {
        error = "";
        if (BenchDirectory is not { } bench)
        {
            error = "bench/install-peers.sh not found (run from the repository)";
            return false;
        }
        var run = Run("bash", [Path.Combine(bench, "install-peers.sh")], TimeSpan.FromMinutes(15));
        error = run.Error;
        return run.Ran;
    }

    /// <summary>Runs a program to completion with a time limit; never throws for a missing program or a failure.</summary>
    public static PeerRun Run(string program, IEnumerable<string> arguments, TimeSpan limit, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        if (environment is not null)
        {
            foreach (var (k, v) in environment) info.Environment[k] = v;
        }
        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                return new(false, stdout.Result, $"{program} took longer than {limit.TotalSeconds:0} s and was stopped");
            }
            var error = stderr.Result;
            return process.ExitCode == 0
                ? new(true, stdout.Result, error)
                : new(false, stdout.Result, $"{program} exited with {process.ExitCode}: {error.Trim().Split('\n').LastOrDefault()}");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new(false, "", $"{program} could not start: {e.Message}");
        }
    }
}
