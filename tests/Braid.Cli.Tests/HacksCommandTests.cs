namespace Braid.Cli.Tests;

/// <summary><c>braid hacks</c>: one lab a line, its name first; an unknown lab is one line naming the known ones.</summary>
public sealed class HacksCommandTests
{
    [Fact]
    public void List_IsOneLabALine_NameFirst()
    {
        var run = BraidProcess.Run("hacks", "list");
        Assert.Equal(0, run.ExitCode);
        var names = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(Braid.Hacks.HackLabs.All.Select(l => l.Name), names);
    }

    [Fact]
    public void Run_UnknownLab_IsOneLineListingTheLabs_Exit2()
    {
        var run = BraidProcess.Run("hacks", "run", "nosuch");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("braid: no lab 'nosuch'; the labs are ", line);
        foreach (var lab in Braid.Hacks.HackLabs.All) Assert.Contains(lab.Name, line);
    }

    [Fact]
    public void Run_ALab_PrintsItsAccountAndResult()
    {
        var run = BraidProcess.Run("hacks", "run", "generators");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("t=5 sleeper: awake", run.Out);
        Assert.Contains("result: ", run.Out);
    }
}
