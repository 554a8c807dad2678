using System.CommandLine;
using Braid.Hacks;

namespace Braid.Cli.Commands;

/// <summary><c>braid hacks list|run NAME</c>: the hacks lab, small runnable labs on the curious corners of async.</summary>
public static class HacksCommand
{
    public static Command Create()
    {
        var command = new Command("hacks", "The hacks lab: small runnable labs on the curious corners of async.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Run());
        return command;
    }

    private static Command List()
    {
        var list = new Command("list", "The labs, one a line: its name, then what it shows.");
        list.SetAction(_ =>
        {
            var width = HackLabs.All.Max(l => l.Name.Length);
            foreach (var lab in HackLabs.All) Console.Out.WriteLine($"{lab.Name.PadRight(width)}  {lab.Summary}");
            return 0;
        });
        return list;
    }

    private static Command Run()
    {
        var name = new Argument<string>("NAME") { Description = "The lab (see 'braid hacks list')." };
        var run = new Command("run", "Run one lab and print what it saw.") { name };
        run.SetAction(parse =>
        {
            var wanted = parse.GetValue(name)!;
            var lab = HackLabs.Find(wanted) ?? throw new UsageException(
                $"no lab '{wanted}'; the labs are {string.Join(", ", HackLabs.All.Select(l => l.Name))}");
            Console.Out.WriteLine($"{lab.Name}: {lab.Summary}");
            var result = lab.Run();
            foreach (var line in result.Lines) Console.Out.WriteLine(line);
            Console.Out.WriteLine($"result: {result.Headline}");
            return 0;
        });
        return run;
    }
}
