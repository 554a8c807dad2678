using System.Diagnostics;

namespace Braid.Overheads.Child;

/// <summary>
/// Starts <c>braid child ...</c>, the hidden command that the process units and cross-process transports run as
/// their peer: the <c>braid</c> executable beside this assembly, or <c>dotnet braid.dll</c> where only the
/// assembly is there (a test's output folder).
/// </summary>
public static class ChildLauncher
{
    /// <summary>True when a braid executable or braid.dll was found beside this assembly.</summary>
    public static bool IsAvailable => Command() is not null;

    /// <summary>A start description for <c>braid child ARGS</c> with the given streams redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, bool redirectInput = true, bool redirectOutput = true)
    {
        var (program, prefix) = Command() ?? throw new InvalidOperationException("braid child: neither the braid executable nor braid.dll is beside " + AppContext.BaseDirectory);
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = redirectOutput,
            RedirectStandardError = false,
        };
        foreach (var a in prefix.Concat(["child"]).Concat(args)) info.ArgumentList.Add(a);
        // The child is small and short-lived: the workstation GC without its background thread keeps it lean.
        info.Environment["DOTNET_gcConcurrent"] = "0";
        info.Environment["DOTNET_TieredPGO"] = "0";
        return info;
    }

    /// <summary>Starts <c>braid child ARGS</c>.</summary>
    public static Process Start(IEnumerable<string> args, bool redirectInput = true, bool redirectOutput = true) =>
        Process.Start(StartInfo(args, redirectInput, redirectOutput)) ?? throw new InvalidOperationException("braid child did not start");

    private static (string Program, string[] Prefix)? Command()
    {
        var dir = AppContext.BaseDirectory;
        var exe = Path.Combine(dir, OperatingSystem.IsWindows() ? "braid.exe" : "braid");
        if (File.Exists(exe)) return (exe, []);
        var dll = Path.Combine(dir, "braid.dll");
        if (!File.Exists(dll)) return null;
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host))
        {
            host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        }
        return (host, [dll]);
    }
}
