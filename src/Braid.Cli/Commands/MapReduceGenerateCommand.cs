using System.CommandLine;
using Braid.MapReduce.Generators;

namespace Braid.Cli.Commands;

/// <summary><c>braid mapreduce generate words|logs --size 1GB --seed S --out FILE</c>: seeded inputs for tests and benchmarks.</summary>
public static class MapReduceGenerateCommand
{
    /// <summary>The largest file it writes: enough for any benchmark, short of filling a disk by a slip of the finger.</summary>
    public const long MaxSize = 64L << 30;

    public static Command Create()
    {
        var kind = new Argument<string>("KIND") { Description = "words (Zipf-distributed prose) or logs (combined-format access log with some malformed lines)." };
        kind.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is not ("words" or "logs")) r.AddError("KIND must be words or logs.");
        });
        var size = CommonOptions.Size("--size", 100 << 20, 1, MaxSize, "Approximate size (whole lines).");
        var seed = CommonOptions.Count("--seed", 1, int.MinValue, int.MaxValue, "Seed: the same seed and size give the same file.", helpName: "S");
        var output = CommonOptions.OutputFile("--out", "File to write (whole, or not at all).", createFolder: false);
        output.Required = true;
        var command = new Command("generate", "Write a seeded input file: words or logs.") { kind, size, seed, output };
        command.SetAction(parse =>
        {
            var bytes = parse.GetValue(size).Bytes;
            var path = parse.GetValue(output)!.FullName;
            var written = parse.GetValue(kind) == "words"
                ? WordsGenerator.WriteFile(path, bytes, parse.GetValue(seed))
                : LogsGenerator.WriteFile(path, bytes, parse.GetValue(seed));
            Console.Error.WriteLine($"wrote {written} bytes to {path}");
            return 0;
        });
        return command;
    }
}
