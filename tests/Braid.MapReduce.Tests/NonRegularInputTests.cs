using System.Diagnostics;
using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Tests;

/// <summary>
/// Inputs that are not regular files are refused up front, by name, without being opened for long: a FIFO (opening one
/// would wait for a writer), a device (/dev/zero never ends), /dev/stdin on a pipe, and kernel pseudo-files (/proc),
/// which say they are empty.
/// </summary>
public sealed class NonRegularInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("braid-nonregular-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void AFifo_IsRefusedByName_WithoutWaitingForAWriter()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "FIFOs are told apart with statx(2), on Linux");
        var fifo = Path.Combine(_dir, "pipe");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        Skip.IfNot(File.Exists(fifo), "mkfifo(1) made no FIFO here");
        var error = Assert.Throws<InputException>(() => InputFiles.Validate([fifo]));
        Assert.Contains(fifo, error.Message);
        Assert.Contains("FIFO", error.Message);
    }

    [SkippableTheory]
    [InlineData("/dev/zero", "character device")]
    [InlineData("/proc/self/status", "pseudo-file")]
    [InlineData("/proc/cpuinfo", "pseudo-file")]
    public void DevicesAndProcFiles_AreRefusedByName(string path, string what)
    {
        Skip.IfNot(File.Exists(path), $"{path} is not on this machine");
        var error = Assert.Throws<InputException>(() => InputFiles.Validate([path]));
        Assert.StartsWith(path, error.Message);
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public async Task TheRunnerRefusesThemBeforeAnyWork()
    {
        var empty = Path.Combine(_dir, "empty.txt");
        File.WriteAllText(empty, "");
        // An empty regular file is fine (and counts nothing); with /dev/zero beside it the job does not start.
        var result = await MapReduceRunner.RunAsync(new Jobs.WordCountJob(), [empty], new Executors.InlineExecutor());
        Assert.Empty(result.Values);
        if (File.Exists("/dev/zero"))
        {
            await Assert.ThrowsAsync<InputException>(() => MapReduceRunner.RunAsync(new Jobs.WordCountJob(), [empty, "/dev/zero"], new Executors.InlineExecutor()));
        }
    }
}
