using System.CommandLine;

namespace Braid.Cli.Commands;

/// <summary><c>braid help [COMMAND...]</c>: the same help as <c>braid [COMMAND...] --help</c>.</summary>
public static class HelpCommand
{
    public static Command Create(RootCommand root)
    {
        var path = new Argument<string[]>("COMMAND") { Description = "The command to explain, like 'mapreduce wordcount'.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("help", "Show help for braid or for one of its commands.") { path };
        command.SetAction((parse, cancellationToken) => Cli.RunAsync(root, [.. parse.GetValue(path) ?? [], "--help"]));
        return command;
    }
}
