using System.CommandLine;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Generators;
using Braid.MapReduce.Jobs;
using Spectre.Console;

namespace Braid.Cli.Commands;

/// <summary><c>braid mapreduce wordcount|logs|generate</c>: the map-reduce pipeline on files.</summary>
public static class MapReduceCommand
{
    public static Command Create()
    {
        var command = new Command("mapreduce", "Analyse large text and log files with map-reduce, inline, on threads or on worker processes.");
        command.Subcommands.Add(JobCommand(WordCountJob.JobName, "Count words (runs of letters or digits, lowercased): word<TAB>count, most frequent first.", defaultTop: null));
        command.Subcommands.Add(JobCommand(LogsJob.JobName, "Combined-format access log analytics: status, hour, top paths and clients, bytes, malformed lines.", defaultTop: 10));
        command.Subcommands.Add(MapReduceGenerateCommand.Create());
        return command;
    }

    private static Command JobCommand(string jobName, string description, int? defaultTop)
    {
        var files = new Argument<string[]>("FILE") { Description = "Input files (UTF-8 text; invalid bytes are replaced and counted).", Arity = ArgumentArity.OneOrMore };
        var executor = new Option<string>("--executor")
        {
            Description = "Where the map runs: inline (one thread), threads, processes, or orleans (a cluster: --gateway).",
            DefaultValueFactory = _ => "processes",
            HelpName = "inline|threads|processes|orleans",
        };
        var cluster = new MapReduceClusterOptions();
        executor.Validators.Add(r =>
        {
            var name = r.GetValueOrDefault<string>();
            if (!Enum.TryParse<ExecutorKind>(name, ignoreCase: true, out _) && !string.Equals(name, MapReduceClusterOptions.ExecutorName, StringComparison.OrdinalIgnoreCase)) r.AddError("--executor must be inline, threads, processes or orleans.");
        });
        var workers = CommonOptions.Count("--workers", Environment.ProcessorCount, 1, CommonOptions.MaxWorkers, "Worker threads or processes (default: the number of cores); on orleans, slots per silo (default: each silo's cores).");
        var top = CommonOptions.OptionalCount("--top", 1, int.MaxValue,
            defaultTop is null ? "Print only the K most frequent words." : $"Rows in the top lists (default {defaultTop}).", helpName: "K");
        var output = CommonOptions.OutputFile("--out", "Write the result to this file (whole, or not at all) instead of standard output.", createFolder: false);
        var chunk = CommonOptions.Size("--chunk-size", MapReduceRunner.DefaultChunkSize, 1, 1 << 30, "Bytes per chunk (lines are never split).");
        var chunkTimeout = CommonOptions.Seconds("--chunk-timeout", ProcessExecutor.DefaultChunkTimeout.TotalSeconds, 0.001, 1e6, "no limit",
            "Seconds a worker process may take over one chunk before it is deemed hung, killed and replaced.");
        var command = new Command(jobName, description) { files, executor, workers, top, output, chunk, chunkTimeout };
        foreach (var option in cluster.All) command.Options.Add(option);
        command.SetAction(async (parse, cancellationToken) =>
        {
            Braid.MapReduce.Engine.RunTrace.Log("command parsed");
            var chunkSize = parse.GetValue(chunk).Bytes;
            var outFile = parse.GetValue(output);
            JobCatalog.TryCreate(jobName, out var job);
            var timeoutSeconds = parse.GetValue(chunkTimeout);
            var timeout = timeoutSeconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(timeoutSeconds);
            var onCluster = string.Equals(parse.GetValue(executor), MapReduceClusterOptions.ExecutorName, StringComparison.OrdinalIgnoreCase);
            // On a cluster --workers, when given, is slots per silo; by default each silo runs one per core.
            var (connection, run) = onCluster
                ? await cluster.ConnectAsync(parse, parse.GetValue(files)!, parse.GetResult(workers) is { Implicit: false } ? parse.GetValue(workers) : null, timeout, cancellationToken)
                : (null, ExecutorFactory.Create(Enum.Parse<ExecutorKind>(parse.GetValue(executor)!, ignoreCase: true), parse.GetValue(workers), SelfLaunch.Worker(), chunkTimeout: timeout));
            await using var leave = connection;
            MapReduceResult result;
            try
            {
                result = await MapReduceProgressDisplay.RunAsync(job!, parse.GetValue(files)!, run, (int)chunkSize, cancellationToken);
            }
            catch (InputException e)
            {
                throw new UsageException(e.Message);
            }

            void Write(TextWriter writer)
            {
                if (jobName == WordCountJob.JobName) WordCountReport.Write(writer, WordCountReport.Sorted(result.Values, parse.GetValue(top)));
                else LogReport.From(result.Values, parse.GetValue(top) ?? defaultTop ?? 10, parse.GetValue(files)).Write(writer);
            }
            if (outFile is null)
            {
                using var writer = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16);
                Write(writer);
            }
            else
            {
                Braid.Reporting.Files.AtomicFile.WriteText(outFile.FullName, Write);
            }

            Braid.MapReduce.Engine.RunTrace.Log("output written");
            var stats = result.Stats;
            var summary = $"{jobName}: {ByteSize.Format(stats.Bytes)} in {stats.Chunks} chunks, {result.Elapsed.TotalSeconds:0.00} s " +
                          $"({stats.Bytes / 1e6 / Math.Max(result.Elapsed.TotalSeconds, 1e-9):0} MB/s) on {run.Name} x{run.Workers}";
            if (stats.Retries > 0 || stats.WorkersReplaced > 0) summary += $"; {stats.Retries} chunk retries, {stats.WorkersReplaced} workers replaced";
            if (stats.Remapped > 0) summary += $", {stats.Remapped} chunks mapped again (their results were held by a lost worker)";
            if (result.InvalidUtf8 > 0) summary += $"; {result.InvalidUtf8} invalid UTF-8 sequences replaced";
            Console.Error.WriteLine(summary);
            return 0;
        });
        return command;
    }
}
