using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Braid.Cli.Commands;

/// <summary>
/// The parser's help for a hidden command (the worker, the overheads child, which braid starts itself), which it would
/// otherwise leave empty: whoever finds one in a process list and runs it by hand learns what it is.
/// </summary>
public sealed class VisibleHelp : SynchronousCommandLineAction
{
    /// <summary>Hides <paramref name="command"/> from its parent's help, and gives it a <c>--help</c> that still shows its own.</summary>
    public static Command Hide(Command command)
    {
        command.Hidden = true;
        command.Options.Add(new HelpOption { Action = new VisibleHelp() });
        return command;
    }

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        command.Hidden = false;
        try
        {
            return new HelpAction().Invoke(parseResult);
        }
        finally
        {
            command.Hidden = true;
        }
    }
}
