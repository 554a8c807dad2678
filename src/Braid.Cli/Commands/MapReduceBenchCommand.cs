using System.CommandLine;
using Braid.Cli.Progress;
using Braid.MapReduce.Bench;
using Braid.Reporting.Bench;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Generators;

namespace Braid.Cli.Commands;

/// <summary><c>braid bench mapreduce</c>: word count per executor and worker count against the sort pipeline and a Python pool.</summary>
public static class MapReduceBenchCommand
{
    public static Command Create()
    {
        var size = CommonOptions.Size("--size", 200 << 20, 1 << 20, 16L << 30, "Size of the generated input.");
        var json = CommonOptions.Json();
        var noCluster = new Option<bool>("--no-cluster") { Description = "Skip the orleans executor on 1, 2 and 3 local silos." };
        var command = new Command("mapreduce", "Word count: inline, threads and processes (1, 2, 4 workers), orleans on 1-3 local silos, against the sort pipeline and Python's multiprocessing.Pool.") { size, json, noCluster };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var bytes = parse.GetValue(size).Bytes;
            var workers = SelfLaunch.Worker();
            IReadOnlyList<IMapReduceBenchSuite> more = parse.GetValue(noCluster) ? [] : [new Braid.MapReduce.Orleans.Bench.ClusterBench(ClusterCommand.SiloLaunch(), workers)];
            var results = await ProgressDisplay.RunAsync("bench mapreduce", progress => MapReduceBench.RunAsync(bytes, workers, progress, cancellationToken, more));
            results.Print(Cli.Out);
            if (parse.GetValue(json) is { } file) results.WriteJson(file.FullName);
            return 0;
        });
        return command;
    }
}
