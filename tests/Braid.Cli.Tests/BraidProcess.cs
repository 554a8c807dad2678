using System.Diagnostics;

namespace Braid.Cli.Tests;

/// <summary>What one run of the braid command did.</summary>
public sealed record BraidRun(int ExitCode, string Out, string Error)
{
    /// <summary>The lines of standard error, without empty ones.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs the braid command built by the solution (src/Braid.Cli/bin/CONFIGURATION/net10.0), as a user would.</summary>
public static class BraidProcess
{
    /// <summary>The folder of the built command.</summary>
    public static string Directory { get; } = Find();

    /// <summary>braid.dll, run by the dotnet host.</summary>
    public static string Assembly => Path.Combine(Directory, "braid.dll");

    /// <summary>The dotnet host that runs these tests.</summary>
    public static string Dotnet { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The start info for <c>braid ARGS</c>, with standard streams redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Assembly);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("BRAID_DEBUG");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return info;
    }

    /// <summary>Runs <c>braid ARGS</c> to its end (killed after a minute), feeding it <paramref name="input"/>.</summary>
    public static BraidRun Run(IEnumerable<string> args, string input = "", IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(StartInfo(args, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It exited without reading its input.
        }
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"braid {string.Join(' ', args)} did not end within a minute");
        }
        return new(process.ExitCode, output.Result, error.Result);
    }

    public static BraidRun Run(params string[] args) => Run((IEnumerable<string>)args);

    private static string Find()
    {
        // bin/CONFIGURATION/net10.0 of this test project mirrors the command's own.
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Braid.Cli", "bin", configuration, "net10.0");
            if (File.Exists(Path.Combine(candidate, "braid.dll"))) return candidate;
        }
        throw new InvalidOperationException($"the braid command's build was not found above {here.FullName}");
    }
}
