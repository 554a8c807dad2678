using System.CommandLine;
using Braid.Overheads.Child;

namespace Braid.Cli.Commands;

/// <summary><c>braid child MODE ...</c>: hidden; the other end of the overheads suite's process units and transports.</summary>
public static class ChildCommand
{
    public const string Name = "child";

    public static Command Create()
    {
        var args = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore, Description = ChildProgram.Usage };
        var command = new Command(Name, "Internal: the child process of 'braid bench overheads' (not for use by hand); " + ChildProgram.Usage + ".") { args };
        VisibleHelp.Hide(command);
        command.SetAction(parse =>
        {
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            return ChildProgram.Run(parse.GetValue(args) ?? [], input, output, Console.Error);
        });
        return command;
    }
}
