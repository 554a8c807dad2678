using System.Diagnostics.CodeAnalysis;
using Braid.MapReduce.Engine;

namespace Braid.MapReduce.Jobs;

/// <summary>The jobs a worker process can run, by name.</summary>
public static class JobCatalog
{
    /// <summary>The names of the jobs.</summary>
    public static IReadOnlyList<string> Names { get; } = [WordCountJob.JobName, LogsJob.JobName];

    /// <summary>Creates the named job; false for an unknown name.</summary>
    public static bool TryCreate(string name, [NotNullWhen(true)] out MapReduceJob? job)
    {
        job = name switch
        {
            WordCountJob.JobName => new WordCountJob(),
            LogsJob.JobName => new LogsJob(),
            _ => null,
        };
        return job is not null;
    }
}
