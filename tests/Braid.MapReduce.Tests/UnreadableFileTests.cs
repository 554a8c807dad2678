using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Jobs;

namespace Braid.MapReduce.Tests;

/// <summary>A file the job may not read fails the run at once, with one line naming it, on every executor.</summary>
public sealed class UnreadableFileTests : IClassFixture<TestInputs>
{
    private readonly TestInputs _inputs;

    public UnreadableFileTests(TestInputs inputs) => _inputs = inputs;

    [SkippableTheory]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    [InlineData("inline")]
    [InlineData("threads")]
    [InlineData("processes")]
    public async Task UnreadableFile_FailsAtOnce_NamingIt(string executor)
    {
        // Root reads whatever the permissions say, so there is nothing to test as root.
        Skip.If(!OperatingSystem.IsLinux() || Environment.UserName == "root", "running as root (or not on Linux): chmod 000 does not stop reading");
        var readable = _inputs.Write($"readable-{executor}.txt", "fine words\n");
        var locked = _inputs.Write($"locked-{executor}.txt", "secret words\n");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var error = await Assert.ThrowsAsync<InputException>(() =>
                MapReduceRunner.RunAsync(new WordCountJob(), [readable, locked], TestInputs.Executor(executor), 1024));
            Assert.Equal($"cannot read {locked}: permission denied", error.Message);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
