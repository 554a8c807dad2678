using System.CommandLine;
using System.CommandLine.Parsing;

namespace Braid.Cli;

/// <summary>
/// Turns what the parser found wrong into the one line the user reads: a bad value names its option (and comes
/// before a missing argument, which it often causes), an unknown command is named as one, and a word that looks like
/// an option but is none is an unknown option, with the nearest real one suggested, never taken for a file name.
/// </summary>
public static class ParseErrors
{
    /// <summary>The line to print for a parse with errors or stray options, or null when the command line is good.</summary>
    public static string? Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var see = $"see '{CommandPath(parsed.CommandResult)} --help'";
        if (StrayOption(parsed) is { } stray) return UnknownOption(stray, command, see);
        if (parsed.Errors.Count == 0) return null;
        var commands = string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
        if (parsed.UnmatchedTokens.Count > 0)
        {
            var token = parsed.UnmatchedTokens[0];
            if (token.StartsWith('-') && token.Length > 1) return UnknownOption(token, command, see);
            return commands.Length > 0 ? $"unknown command '{token}'; the commands are {commands} ({see})" : $"unexpected argument '{token}' ({see})";
        }
        // A group of commands (braid, braid mapreduce) run without one of them.
        if (command.Action is null && commands.Length > 0) return $"no command given; the commands are {commands} ({see})";
        // A bad value first: a missing argument is often only its consequence.
        var error = parsed.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult or ArgumentResult { Parent: OptionResult })
                    ?? parsed.Errors[0];
        return $"{error.Message.TrimEnd('.')} ({see})";
    }

    /// <summary>
    /// A command argument that starts with a dash, before any <c>--</c>: a mistyped option that the parser took as an
    /// argument (a file name, say). A file whose name starts with a dash is given after <c>--</c>, or as <c>./-name</c>.
    /// </summary>
    private static string? StrayOption(ParseResult parsed)
    {
        var beforeDoubleDash = parsed.Tokens.TakeWhile(t => t.Type != TokenType.DoubleDash).ToHashSet(ReferenceEqualityComparer.Instance);
        return parsed.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens)
            .FirstOrDefault(t => beforeDoubleDash.Contains(t) && t.Value.Length > 1 && t.Value.StartsWith('-'))?.Value;
    }

    private static string UnknownOption(string token, Command command, string see)
    {
        var name = token.Split('=', 2)[0];
        var options = OptionsOf(command).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct().ToList();
        var nearest = options.Select(o => (Option: o, Distance: Distance(name, o))).OrderBy(x => x.Distance).FirstOrDefault();
        var suggestion = nearest.Option is not null && nearest.Distance <= Math.Max(2, name.Length / 3) ? $"; did you mean '{nearest.Option}'?" : "";
        return $"unknown option '{name}'{suggestion} ({see})";
    }

    /// <summary>The command's own options and the recursive ones of the commands above it (like --help).</summary>
    private static IEnumerable<Option> OptionsOf(Command command)
    {
        foreach (var option in command.Options.Where(o => !o.Hidden)) yield return option;
        foreach (var parent in command.Parents.OfType<Command>())
        {
            foreach (var option in OptionsOf(parent).Where(o => o.Recursive)) yield return option;
        }
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = r.Parent) names.Add(c.Command is RootCommand ? "braid" : c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>Levenshtein distance: edits (insert, delete, replace) that turn one word into the other.</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
