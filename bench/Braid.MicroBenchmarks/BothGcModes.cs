using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Braid.MicroBenchmarks;

/// <summary>
/// Every benchmark twice: under .NET's default background GC and under the non-concurrent GC that the braid command
/// runs with. Allocation-heavy figures (a million live strands or tasks) depend on it; switch figures do not.
/// </summary>
public sealed class BothGcModes : ManualConfig
{
    public BothGcModes()
    {
        AddJob(Job.Default.WithGcConcurrent(true).WithId("background GC"));
        AddJob(Job.Default.WithGcConcurrent(false).WithId("non-concurrent GC"));
        AddDiagnoser(MemoryDiagnoser.Default);
        HideColumns(BenchmarkDotNet.Columns.Column.Error, BenchmarkDotNet.Columns.Column.StdDev);
    }
}
