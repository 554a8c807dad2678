using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Spectre.Console;

namespace Braid.Cli.Commands;

/// <summary>Runs a map-reduce job with a progress bar (bytes/s, chunks done) on stderr when stderr is a terminal.</summary>
public static class MapReduceProgressDisplay
{
    public static async Task<MapReduceResult> RunAsync(MapReduceJob job, IReadOnlyList<string> files, IExecutor executor, int chunkSize, CancellationToken cancellationToken)
    {
        var stats = new MapReduceStats();
        if (Console.IsErrorRedirected)
        {
            return await MapReduceRunner.RunAsync(job, files, executor, chunkSize, stats, cancellationToken);
        }
        Interrupts.CursorMayBeHidden = true;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        MapReduceResult? result = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"{job.Name} on {executor.Name} x{executor.Workers}", maxValue: 1);
                var run = MapReduceRunner.RunAsync(job, files, executor, chunkSize, stats, cancellationToken);
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(100, CancellationToken.None));
                    task.MaxValue = Math.Max(1, stats.TotalBytes);
                    task.Value = stats.Bytes + stats.HeldBytes;
                    task.Description = $"{job.Name} on {executor.Name} x{executor.Workers}: {stats.Chunks} chunks";
                }
                result = await run;
                task.Value = task.MaxValue;
            });
        return result!;
    }
}
