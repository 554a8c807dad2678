namespace Braid.MapReduce.Executors;

/// <summary>How to start a worker process: a program, its arguments, and variables added to its environment.</summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">Environment variables set for the worker, over those the coordinator sets.</param>
public sealed record WorkerLaunch(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string>? Environment = null)
{
    /// <summary>This very executable with <c>worker</c>: how the <c>braid</c> command starts its workers.</summary>
    public static WorkerLaunch CurrentExecutable()
    {
        var self = System.Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown");
        // Run through the dotnet host (dotnet braid.dll, a test host), this process cannot start itself as a
        // worker: start the braid assembly that is loaded here, by the host.
        if (Path.GetFileNameWithoutExtension(self) is "dotnet" or "testhost" && EntryAssemblyPath() is { } cli)
        {
            return new(DotnetHost(), ["exec", cli, "worker"]);
        }
        return new(self, ["worker"]);
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
