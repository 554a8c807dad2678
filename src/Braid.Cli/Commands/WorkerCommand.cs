using System.CommandLine;
using Braid.MapReduce.Executors;

namespace Braid.Cli.Commands;

/// <summary><c>braid worker</c>: a map-reduce worker process, started by the coordinator; hidden from help.</summary>
public static class WorkerCommand
{
    public const string Name = "worker";

    public static Command Create()
    {
        // Hidden from 'braid --help', but its own --help says what it is (VisibleHelp).
        var command = new Command(Name,
            "Internal: a map-reduce worker process, started by 'braid mapreduce' (not for use by hand). It reads length-prefixed " +
            "frames from its coordinator on standard input and writes results on standard output.");
        VisibleHelp.Hide(command);
        command.SetAction(_ => Run());
        return command;
    }

    public static int Run() => WorkerHost.Run(Console.OpenStandardInput(), Console.OpenStandardOutput());
}
