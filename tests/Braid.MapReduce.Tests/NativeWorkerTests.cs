using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Jobs;

namespace Braid.MapReduce.Tests;

/// <summary>
/// The ahead-of-time compiled worker: chosen only when it is current, and, where the build published it (Linux x64),
/// giving exactly the result of the in-process executor.
/// </summary>
public sealed class NativeWorkerTests : IClassFixture<TestInputs>, IDisposable
{
    private readonly TestInputs _inputs;
    private readonly string _directory = Directory.CreateTempSubdirectory("braid-native-worker-").FullName;

    public NativeWorkerTests(TestInputs inputs) => _inputs = inputs;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void NoNativeWorker_MeansNone()
    {
        Assert.Null(WorkerLaunch.NativeWorkerBeside(_directory));
    }

    [Fact]
    public void ANativeWorkerOlderThanTheEngine_IsNotUsed()
    {
        // One left from an earlier build could speak an older protocol: the JIT worker, always current, is used instead.
        var path = FakeNativeWorker();
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(typeof(WorkerLaunch).Assembly.Location).AddMinutes(-1));
        Assert.Null(WorkerLaunch.NativeWorkerBeside(_directory));
    }

    [Fact]
    public void ANativeWorkerBuiltAfterTheEngine_IsUsed()
    {
        var path = FakeNativeWorker();
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(typeof(WorkerLaunch).Assembly.Location).AddMinutes(1));
        Assert.Equal(path, WorkerLaunch.NativeWorkerBeside(_directory));
        Assert.True(new WorkerLaunch(path, []).IsNative);
    }

    [SkippableFact]
    public async Task PublishedNativeWorker_CountsExactlyAsInline()
    {
        var native = PublishedNativeWorker();
        Skip.If(native is null, "no current native worker beside the braid command (published on Linux x64 builds only)");
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"Ünïcode words {i % 97} and more {i % 13}\r\n"));
        var file = _inputs.Write("native-worker.txt", text);
        var inline = await MapReduceRunner.RunAsync(new WordCountJob(), [file], TestInputs.Executor("inline"), 16 * 1024);
        var processes = await MapReduceRunner.RunAsync(new WordCountJob(), [file], new ProcessExecutor(2, new WorkerLaunch(native!, [])), 16 * 1024);
        Assert.Equal(inline.Values.OrderBy(p => p.Key, StringComparer.Ordinal), processes.Values.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private string FakeNativeWorker()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "native-worker")).FullName;
        var path = Path.Combine(folder, "Braid.MapReduce.NativeWorker");
        File.WriteAllText(path, "");
        return path;
    }

    /// <summary>The native worker the solution's build published beside the braid command, if any.</summary>
    private static string? PublishedNativeWorker()
    {
        // The repository is the folder of bench/, which the peer benchmarks already know how to find.
        if (Braid.Reporting.Bench.Peers.BenchDirectory is not { } bench) return null;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var braid = Path.Combine(Path.GetDirectoryName(bench)!, "src", "Braid.Cli", "bin", configuration, "net10.0");
        return WorkerLaunch.NativeWorkerBeside(braid);
    }
}
