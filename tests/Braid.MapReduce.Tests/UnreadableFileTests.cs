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
        Skip.IfNot(OperatingSystem.IsLinux(), "file modes are tested on Linux");
        var readable = _inputs.Write($"readable-{executor}.txt", "fine words\n");
        var locked = _inputs.Write($"locked-{executor}.txt", "secret words\n");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            // Root reads whatever the mode says; a write-only kernel setting is a file even root cannot read.
            if (!CannotRead(locked)) locked = RootProofUnreadable;
            Skip.IfNot(CannotRead(locked), "no file here that this user cannot read");
            var error = await Assert.ThrowsAsync<InputException>(() =>
                MapReduceRunner.RunAsync(new WordCountJob(), [readable, locked], TestInputs.Executor(executor), 1024));
            Assert.Equal($"cannot read {locked}: permission denied", error.Message);
        }
        finally
        {
            File.SetUnixFileMode(_inputs.PathOf($"locked-{executor}.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private const string RootProofUnreadable = "/proc/sys/vm/compact_memory";

    private static bool CannotRead(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
