namespace Braid.MapReduce.Executors;

/// <summary>
/// How to start a worker process: a program, its arguments, and variables added to its environment. The host says
/// (the <c>braid</c> command gives its native worker or its own <c>worker</c> subcommand); the engine never looks for one.
/// </summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">Environment variables set for the worker, over those the coordinator sets.</param>
public sealed record WorkerLaunch(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string>? Environment = null)
{
    /// <summary>True when workers run the ahead-of-time compiled program rather than a worker the JIT compiles.</summary>
    public bool IsNative => Arguments.Count == 0 && Path.GetFileName(FileName) == NativeWorkerName;

    /// <summary>The file name of the ahead-of-time compiled worker.</summary>
    public const string NativeWorkerName = "Braid.MapReduce.NativeWorker";

    /// <summary>
    /// The native worker in <paramref name="directory"/>/native-worker/, if it is there and was built from this very
    /// version of the engine (not older than it): one left from an earlier build could speak an older protocol.
    /// </summary>
    public static string? NativeWorkerBeside(string directory)
    {
        var path = Path.Combine(directory, "native-worker", NativeWorkerName);
        if (!File.Exists(path)) return null;
        var engine = typeof(WorkerLaunch).Assembly.Location;
        return engine.Length == 0 || File.GetLastWriteTimeUtc(path) >= File.GetLastWriteTimeUtc(engine) ? path : null;
    }

    /// <summary>A worker assembly run by the dotnet host (<c>dotnet exec Worker.dll</c>), as tests do.</summary>
    public static WorkerLaunch DotnetAssembly(string dllPath) => new(DotnetHost(), ["exec", dllPath]);

    /// <summary>The dotnet host that runs this process, or <c>dotnet</c> from the path.</summary>
    public static string DotnetHost()
    {
        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var self = System.Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }
}
