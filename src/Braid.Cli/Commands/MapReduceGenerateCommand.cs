using System.CommandLine;
using Braid.MapReduce.Generators;

namespace Braid.Cli.Commands;

/// <summary><c>braid mapreduce generate words|logs --size 1GB --seed S --out FILE</c>: seeded inputs for tests and benchmarks.</summary>
public static class MapReduceGenerateCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("KIND") { Description = "words (Zipf-distributed prose) or logs (combined-format access log with some malformed lines)." };
        kind.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is not ("words" or "logs")) r.AddError("KIND must be words or logs.");
        });
        var size = new Option<string>("--size") { Description = "Approximate size (whole lines; like 200MB, 1GB).", DefaultValueFactory = _ => "100MB", HelpName = "SIZE" };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed and size give the same file.", DefaultValueFactory = _ => 1, HelpName = "S" };
        var output = new Option<FileInfo>("--out") { Description = "File to write.", Required = true, HelpName = "FILE" };
        var command = new Command("generate", "Write a seeded input file: words or logs.") { kind, size, seed, output };
        command.SetAction(parse =>
        {
            if (!ByteSize.TryParse(parse.GetValue(size)!, out var bytes))
            {
                throw new UsageException($"--size: '{parse.GetValue(size)}' is not a size (like 200MB or 1GB)");
            }
            var path = parse.GetValue(output)!.FullName;
            if (Directory.Exists(path)) throw new UsageException($"--out: {path} is a directory");
            if (parse.GetValue(output)!.Directory is { Exists: false } missing) throw new UsageException($"--out: no such directory: {missing.FullName}");
            var written = parse.GetValue(kind) == "words"
                ? WordsGenerator.WriteFile(path, bytes, parse.GetValue(seed))
                : LogsGenerator.WriteFile(path, bytes, parse.GetValue(seed));
            Console.Error.WriteLine($"wrote {written} bytes to {path}");
            return 0;
        });
        return command;
    }
}
