using System.Text;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;

namespace Braid.MapReduce.Tests;

/// <summary>Temporary input files, deleted with the fixture; and the ways tests run jobs.</summary>
public sealed class TestInputs : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("braid-mr-tests-").FullName;

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Write(string name, string content) => Write(name, Encoding.UTF8.GetBytes(content));

    public string PathOf(string name) => Path.Combine(_dir, name);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Workers for the process executor: the worker assembly built beside the tests, run by the dotnet host.</summary>
    public static WorkerLaunch Worker { get; } =
        WorkerLaunch.DotnetAssembly(Path.Combine(AppContext.BaseDirectory, "Braid.MapReduce.Worker.dll"));

    /// <summary>The executors every agreement test runs over.</summary>
    public static IExecutor Executor(string name) => name switch
    {
        "inline" => new InlineExecutor(),
        "threads" => new ThreadsExecutor(3),
        "processes" => new ProcessExecutor(2, Worker),
        "processes-bytes" => new ProcessExecutor(2, Worker, sendBytes: true),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static Task<MapReduceResult> RunAsync(MapReduceJob job, string file, IExecutor executor, int chunkSize) =>
        MapReduceRunner.RunAsync(job, [file], executor, chunkSize);
}
