using System.CommandLine;
using Braid.Cli.Progress;
using Braid.Reporting.Bench;
using Braid.Benchmarks.Echo;
using Spectre.Console;

namespace Braid.Cli.Commands;

/// <summary><c>braid bench echo</c>: Braid's echo server against .NET Socket async, Go and the Python event loops.</summary>
public static class EchoBenchCommand
{
    public static Command Create()
    {
        var quick = CommonOptions.Quick("1 s per measurement instead of 5.");
        var json = CommonOptions.Json();
        var noPeers = new Option<bool>("--no-peers") { Description = "Only Braid and .NET Socket async (the Go load generator is still needed)." };
        var command = new Command("echo", "TCP echo: requests/s, p50/p99 and requests per server CPU-second at 1/100/1000 connections; idle connection memory.")
        {
            quick, json, noPeers,
        };
        command.SetAction(parse =>
        {
            var sizes = parse.GetValue(quick) ? EchoBenchmark.Sizes.Quick : EchoBenchmark.Sizes.Full;
            var results = ProgressDisplay.Run("bench echo", progress => EchoBenchmark.Run(sizes, !parse.GetValue(noPeers), progress.Report));
            results.Print(Cli.Out);
            if (parse.GetValue(json) is { } file) results.WriteJson(file.FullName);
            return 0;
        });
        return command;
    }
}
