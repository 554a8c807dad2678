using Braid.Reporting.Bench;

namespace Braid.MapReduce.Bench;

/// <summary>
/// More runs of <c>braid bench mapreduce</c>, by executors the engine does not know (a cluster): they run on the same
/// input, check their counts against the built-in runs', and add their figures to the same results.
/// </summary>
public interface IMapReduceBenchSuite
{
    /// <summary>Runs word count on <paramref name="input"/>, whose counts must equal <paramref name="expected"/>.</summary>
    Task RunAsync(string input, IReadOnlyDictionary<string, long> expected, BenchResults results, Action<string> log, CancellationToken cancellationToken);
}
