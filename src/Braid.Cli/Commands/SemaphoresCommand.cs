using System.CommandLine;
using Braid.Problems;
using Spectre.Console;

namespace Braid.Cli.Commands;

/// <summary><c>braid semaphores list|run</c>: the Little Book of Semaphores, solved, checked and explored.</summary>
public static class SemaphoresCommand
{
    public static Command Create()
    {
        var command = new Command("semaphores", "The Little Book of Semaphores: every problem solved, checked, and explored schedule by schedule.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(SemaphoresRunCommand.Create());
        return command;
    }

    private static Command List()
    {
        var list = new Command("list", "The problems: chapter, the rules their checkers state, and their broken variants.");
        list.SetAction(_ =>
        {
            var table = new Table().AddColumns("problem", "chapter", "part", "rules checked", "broken variants");
            foreach (var p in LittleBook.All)
            {
                table.AddRow(Markup.Escape(p.Name), p.Chapter, p.Part, Markup.Escape(string.Join("; ", p.Rules)),
                    Markup.Escape(string.Join("; ", p.Broken.Select(b => $"{b.Name}: {b.What}"))));
            }
            Cli.Out.Write(table);
            Cli.Out.MarkupLine($"[grey]{LittleBook.All.Count} problems, {LittleBook.All.Sum(p => p.Broken.Count)} broken variants[/]");
            return 0;
        });
        return list;
    }
}
