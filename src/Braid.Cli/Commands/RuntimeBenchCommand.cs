using System.CommandLine;
using Braid.Benchmarks.Runtime;
using Braid.Cli.Progress;
using Braid.Reporting.Bench;

namespace Braid.Cli.Commands;

/// <summary><c>braid bench runtime</c>: the coroutine kernel against Task, the thread pool, OS threads and peers.</summary>
public static class RuntimeBenchCommand
{
    public static Command Create()
    {
        var quick = CommonOptions.Quick();
        var json = CommonOptions.Json();
        var noPeers = new Option<bool>("--no-peers") { Description = "Skip the Python and Go peers." };
        var command = new Command("runtime", "Context switch, spawn+join and memory per parked coroutine, against Task, threads and peers.")
        {
            quick, json, noPeers,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var sizes = parse.GetValue(quick) ? RuntimeBenchmark.Sizes.Quick : RuntimeBenchmark.Sizes.Full;
            var results = ProgressDisplay.Run("bench runtime", progress => RuntimeBenchmark.Run(sizes, !parse.GetValue(noPeers), progress));
            results.Print(Cli.Out);
            if (parse.GetValue(json) is { } file) results.WriteJson(file.FullName);
            return Task.FromResult(0);
        });
        return command;
    }
}
