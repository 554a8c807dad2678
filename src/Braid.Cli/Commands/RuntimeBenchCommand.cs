using System.CommandLine;

namespace Braid.Cli.Commands;

/// <summary><c>braid bench runtime</c>: the coroutine kernel against Task, the thread pool, OS threads and peers.</summary>
public static class RuntimeBenchCommand
{
    public static Command Create()
    {
        var quick = CommonOptions.Quick();
        var json = CommonOptions.Json();
        var command = new Command("runtime", "Context switch, spawn+join and memory per parked coroutine, against baselines.") { quick, json };
        command.SetAction((parse, cancellationToken) => Task.FromResult(0));
        return command;
    }
}
