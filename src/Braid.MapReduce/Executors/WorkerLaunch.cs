namespace Braid.MapReduce.Executors;

/// <summary>How to start a worker process: a program, its arguments, and variables added to its environment.</summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">Environment variables set for the worker, over those the coordinator sets.</param>
public sealed record WorkerLaunch(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string>? Environment = null)
{
    /// <summary>
    /// How the <c>braid</c> command starts its workers: the ahead-of-time compiled worker published beside it when there
    /// is a current one (see <see cref="NativeWorkerBeside"/>), else this very executable with <c>worker</c>.
    /// </summary>
    public static WorkerLaunch CurrentExecutable()
    {
        var cli = EntryAssemblyPath();
        var braidDirectory = cli is null ? AppContext.BaseDirectory : Path.GetDirectoryName(cli)!;
        if (System.Environment.GetEnvironmentVariable("BRAID_JIT_WORKER") != "1" && NativeWorkerBeside(braidDirectory) is { } native)
        {
            return new(native, []);
        }
        var self = System.Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown");
        // Run through the dotnet host (dotnet braid.dll, a test host), this process cannot start itself as a
        // worker: start the braid assembly that is loaded here, by the host.
        if (Path.GetFileNameWithoutExtension(self) is "dotnet" or "testhost" && cli is not null)
        {
            return new(DotnetHost(), ["exec", cli, "worker"]);
        }
        return new(self, ["worker"]);
    }

    /// <summary>True when workers run the ahead-of-time compiled program rather than <c>braid worker</c>.</summary>
    public bool IsNative => Arguments.Count == 0 && Path.GetFileName(FileName) == NativeWorkerName;

    private const string NativeWorkerName = "Braid.MapReduce.NativeWorker";

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

    private static string? EntryAssemblyPath() =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "braid")?.Location is { Length: > 0 } path ? path : null;

    /// <summary>A worker assembly run by the dotnet host (<c>dotnet exec Worker.dll</c>), as tests do.</summary>
    public static WorkerLaunch DotnetAssembly(string dllPath) => new(DotnetHost(), ["exec", dllPath]);

    private static string DotnetHost()
    {
        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var self = System.Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }
}
