using System.CommandLine;
using Braid.Benchmarks.Primitives;
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
            var results = PrimitivesBenchmark.Run(parse.GetValue(quick), !parse.GetValue(noPeers), what => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(what)} ...[/]"));
            results.Print(AnsiConsole.Console);
            if (file is not null)
            {
                results.WriteJson(file.FullName);
                AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(file.FullName)}[/]");
            }
            return Task.FromResult(0);
        });
        return command;
    }
}
