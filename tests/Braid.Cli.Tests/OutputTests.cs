using System.Diagnostics;

namespace Braid.Cli.Tests;

/// <summary>A write that fails for want of space leaves the previous file whole: tried on a tiny tmpfs the test mounts.</summary>
public sealed class OutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("braid-output-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void AWriteThatRunsOutOfSpace_FailsWithOneLine_AndLeavesThePreviousFileAsItWas()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "mounting a tmpfs takes root");
        Skip.IfNot(File.Exists("/usr/bin/unshare"), "unshare(1) from util-linux is not installed");
        var mount = Directory.CreateDirectory(Path.Combine(_dir, "tiny")).FullName;
        var target = Path.Combine(mount, "out.txt");
        // In a mount namespace of its own, so the tmpfs goes away with the shell whatever happens.
        var script = $"mount -t tmpfs -o size=256k tmpfs '{mount}' || exit 99\n" +
                     $"printf 'the previous file\\n' > '{target}'\n" +
                     $"'{BraidProcess.Dotnet}' exec '{BraidProcess.Assembly}' mapreduce generate words --size 1MB --out '{target}' 2> '{mount}/../stderr.txt'\n" +
                     "echo \"exit=$?\"\n" +
                     $"echo \"content=$(cat '{target}')\"\n" +
                     $"echo \"files=$(ls -A '{mount}' | tr '\\n' ' ')\"\n";
        var info = new ProcessStartInfo("/usr/bin/unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--mount", "--propagation", "private", "sh", "-c", script }) info.ArgumentList.Add(arg);
        using var shell = Process.Start(info)!;
        var error = shell.StandardError.ReadToEndAsync();
        var lines = shell.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[^1]);
        Assert.True(shell.WaitForExit(TimeSpan.FromMinutes(1)));
        Skip.If(shell.ExitCode == 99 || !lines.ContainsKey("exit"), $"cannot mount a tmpfs here: {error.Result.Trim()}");

        var braidError = File.ReadAllText(Path.Combine(_dir, "stderr.txt"));
        Assert.Equal("1", lines["exit"]);
        Assert.Equal("the previous file", lines["content"]);
        Assert.Equal("out.txt", lines["files"].Trim()); // no temporary file left beside it
        var line = Assert.Single(braidError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("No space left on device", line);
        Assert.Contains(target, line);
    }
}
