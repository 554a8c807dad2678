using System.CommandLine;
using Braid.Benchmarks.Primitives;
using Braid.Cli.Progress;
using Braid.Reporting.Bench;
using Spectre.Console;

namespace Braid.Cli.Commands;

/// <summary><c>braid bench primitives</c>: locks, semaphores, events and channels against SemaphoreSlim, System.Threading.Channels and peers.</summary>
public static class PrimitivesBenchCommand
{
    public static Command Create()
    {
        var quick = CommonOptions.Quick();
        var json = CommonOptions.Json();
        var noPeers = new Option<bool>("--no-peers") { Description = "Skip the Go and Python peers." };
        var command = new Command("primitives", "Lock, semaphore, event and channel throughput against SemaphoreSlim, System.Threading.Channels, Go, asyncio and trio.")
        {
            quick, json, noPeers,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var file = parse.GetValue(json);
            var results = ProgressDisplay.Run("bench primitives", progress => PrimitivesBenchmark.Run(parse.GetValue(quick), !parse.GetValue(noPeers), progress));
            results.Print(Cli.Out);
            if (file is not null)
            {
                results.WriteJson(file.FullName);
                Cli.Out.MarkupLine($"wrote [bold]{Markup.Escape(file.FullName)}[/]");
            }
            return Task.FromResult(0);
        });
        return command;
    }
}
