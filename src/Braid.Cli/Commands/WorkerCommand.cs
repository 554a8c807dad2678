using System.CommandLine;
using Braid.MapReduce.Executors;

namespace Braid.Cli.Commands;

/// <summary><c>braid worker</c>: a map-reduce worker process, started by the coordinator; hidden from help.</summary>
public static class WorkerCommand
{
    public const string Name = "worker";

    public static Command Create()
    {
        var command = new Command(Name, "Serve one map-reduce coordinator over stdin/stdout (started by 'braid mapreduce').") { Hidden = true };
        command.SetAction(_ => Run());
        return command;
    }

    public static int Run() => WorkerHost.Run(Console.OpenStandardInput(), Console.OpenStandardOutput());
}
