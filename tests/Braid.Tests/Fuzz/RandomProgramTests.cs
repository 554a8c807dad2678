namespace Braid.Tests.Fuzz;

/// <summary>
/// Seeded random programs over the whole public API, each run in deterministic mode with the runtime's invariants
/// checked (the test run turns them on). CI runs 2,000; <c>BRAID_FUZZ_PROGRAMS=100000</c> runs more, and
/// <c>BRAID_FUZZ_SEED=N</c> replays one program exactly (the failure message names the seeds).
/// </summary>
public class RandomProgramTests
{
    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("BRAID_FUZZ_PROGRAMS"), out var n) && n > 0 ? n : 2_000;

    [Fact]
    public void RandomProgramsKeepEveryPromise()
    {
        var seeds = int.TryParse(Environment.GetEnvironmentVariable("BRAID_FUZZ_SEED"), out var one) ? [one] : Enumerable.Range(1, Count);
        var failures = new List<string>();
        foreach (var seed in seeds)
        {
            var program = new RandomProgram(seed);
            var broken = ProgramRunner.Check(program);
            if (broken.Count > 0) failures.Add($"{program}\n  broken: {string.Join("\n  broken: ", broken)}\n  replay: BRAID_FUZZ_SEED={seed} dotnet test -c Release --filter RandomProgramsKeepEveryPromise");
            if (failures.Count == 3) break;
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void TheGeneratorCoversTheAPI_AndSometimesEndsInADeadlock()
    {
        var programs = Enumerable.Range(1, 200).Select(s => new RandomProgram(s)).ToList();
        static IEnumerable<Op> All(IEnumerable<Op> ops) => ops.SelectMany(o => All(o.Body).Prepend(o));
        var kinds = programs.SelectMany(p => All(p.Main.Concat(p.Background.SelectMany(b => b)))).Select(o => o.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<OpKind>().ToHashSet(), kinds);
        Assert.Contains(programs, p => p.EndsInDeadlock);
        Assert.Contains(programs, p => !p.EndsInDeadlock);
    }

    [Fact]
    public void AProgramReplaysExactlyFromItsSeed()
    {
        var first = new TraceRecorder();
        var second = new TraceRecorder();
        Assert.Empty(ProgramRunner.Check(new RandomProgram(77), first));
        Assert.Empty(ProgramRunner.Check(new RandomProgram(77), second));
        Assert.Equal(first.Lines, second.Lines);
        Assert.True(first.Lines.Count > 10);
    }

    [Fact]
    public void TheChecksCatchALostItem()
    {
        var broken = ProgramRunner.Check(new RandomProgram(Enumerable.Range(1, 100).First(s => !new RandomProgram(s).EndsInDeadlock)), loseAnItem: true);
        Assert.Contains(broken, b => b.Contains("delivered but never received"));
    }
}
