using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Jobs;

namespace Braid.Cli.Tests;

/// <summary>What the command hands the engines starts its own subcommands: 'braid child' and 'braid worker'.</summary>
public sealed class SelfLaunchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("braid-selflaunch-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Child_StartsBraidChild_WhichEchoes()
    {
        using var child = SelfLaunch.Child().Start(["echo"]);
        try
        {
            child.StandardInput.Write("ping\n");
            child.StandardInput.Flush();
            Assert.Equal("ping", child.StandardOutput.ReadLine());
            child.StandardInput.Close();
            Assert.True(child.WaitForExit(TimeSpan.FromMinutes(1)));
            Assert.Equal(0, child.ExitCode);
        }
        finally
        {
            if (!child.HasExited) child.Kill();
        }
    }

    [Fact]
    public async Task Worker_StartsBraidWorkers_ThatCountAsTheInlineExecutorDoes()
    {
        var file = Path.Combine(_dir, "words.txt");
        File.WriteAllText(file, string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog\n", 2000)));
        var inline = await MapReduceRunner.RunAsync(new WordCountJob(), [file], new InlineExecutor(), 4096);
        var processes = await MapReduceRunner.RunAsync(new WordCountJob(), [file], new ProcessExecutor(2, SelfLaunch.Worker()), 4096);
        Assert.Equal(inline.Values.OrderBy(p => p.Key, StringComparer.Ordinal), processes.Values.OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
