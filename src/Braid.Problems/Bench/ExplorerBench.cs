using System.Diagnostics;
using Braid.Reporting.Bench;

namespace Braid.Problems.Bench;

/// <summary>
/// <c>braid bench explorer</c>: schedules per second, and schedules needed to find each of three bugs, for Braid's
/// explorer against Microsoft Coyote 1.7.11 (its figures read from the anchor's results file, measured on this
/// machine by ../shared/anchors/coyote/run.sh, which runs Coyote's random and PCT strategies the same way).
/// </summary>
public static class ExplorerBench
{
    /// <summary>How much to run: seeds per bug, schedules for the rate, the most schedules per search.</summary>
    public sealed record Sizes(int Seeds, int RateSchedules, int MaxSchedules)
    {
        /// <summary>Coyote's own settings (run.sh: 30 seeds, 10,000 schedules, cap 100,000).</summary>
        public static Sizes Full { get; } = new(30, 10_000, 100_000);

        /// <summary>The short form.</summary>
        public static Sizes Quick { get; } = new(10, 2_000, 100_000);
    }

    /// <summary>
    /// The strategies compared: Braid's random walk against Coyote's random, Braid's PCT against Coyote's pct(10)
    /// (Coyote's bound is 10 priority switches; Braid's PCT takes depth 4, three change points: the README gives the sweep).
    /// </summary>
    private static readonly (string Braid, string Coyote, Func<int, IStrategy> Make)[] Strategies =
    [
        ("random", "random", seed => new RandomWalk(seed)),
        ("pct(4)", "pct(10)", seed => new Pct(seed, 4)),
    ];

    /// <summary>Runs the benchmark; <paramref name="coyoteResults"/> is the anchor's results file (null: the newest one found).</summary>
    public static BenchResults Run(Sizes sizes, string? coyoteResults = null, Action<string>? progress = null)
    {
        var results = new BenchResults("explorer");
        var coyote = CoyoteResults.Load(coyoteResults, results.Notes);
        foreach (var program in BenchPrograms.All)
        {
            foreach (var (name, coyoteName, make) in Strategies)
            {
                progress?.Invoke($"{program.Name}, {name}");
                var found = new List<int>();
                for (var k = 1; k <= sizes.Seeds; k++)
                {
                    var report = Explorer.Run(program.Buggy, new ExploreOptions { Strategy = make(k * 1_000_003), Schedules = sizes.MaxSchedules, Shrink = false });
                    if (!report.Passed) found.Add(report.Schedules);
                }
                var mean = found.Count > 0 ? found.Average() : double.NaN;
                results.Add($"schedules to find: {program.Name}", $"braid {name}", mean, $"schedules (mean of {found.Count}/{sizes.Seeds} seeds)");

                // The best of three runs of the correct form (the machine is shared; the first run also warms the JIT up).
                var perSecond = 0.0;
                for (var run = 0; run < 3; run++)
                {
                    var clock = Stopwatch.StartNew();
                    var rate = Explorer.Run(program.Correct, new ExploreOptions { Strategy = make(42 + run), Schedules = sizes.RateSchedules });
                    perSecond = Math.Max(perSecond, rate.Schedules / clock.Elapsed.TotalSeconds);
                    if (!rate.Passed) results.Notes.Add($"{program.Name} correct failed under {name}: {rate.Failure?.Message}");
                }
                results.Add($"schedules/s: {program.Name}", $"braid {name}", perSecond, "schedules/s");

                if (coyote.TryGetValue((program.Name, coyoteName), out var c))
                {
                    results.Add($"schedules to find: {program.Name}", $"coyote {coyoteName}", c.ToFind, "schedules (mean of 30 seeds)");
                    results.Add($"schedules/s: {program.Name}", $"coyote {coyoteName}", c.PerSecond, "schedules/s");
                    results.AddRatio($"{program.Name} {name}: schedules/s vs coyote {coyoteName}", perSecond / c.PerSecond, 20, "Braid's schedules per second over Coyote's");
                    results.AddRatio($"{program.Name} {name}: schedules to find, coyote {coyoteName} / braid", c.ToFind / mean, 1, "above 1: Braid needs fewer schedules");
                }
            }
        }
        return results;
    }
}
