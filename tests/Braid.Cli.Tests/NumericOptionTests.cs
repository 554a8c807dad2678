using System.CommandLine;
using Braid.Cli.Commands;

namespace Braid.Cli.Tests;

/// <summary>
/// Every numeric option of every command, found in the command tree (so a new option is covered the day it is added),
/// given a value that is not a number, or one far out of range: one line on stderr naming the option and what it
/// accepts, exit code 2, and no work done (nothing on stdout).
/// </summary>
public sealed class NumericOptionTests
{
    /// <summary>The value types of numeric options: numbers, and sizes (a number of bytes written like 4MB).</summary>
    private static readonly Type[] Numeric =
        [typeof(int), typeof(long), typeof(double), typeof(float), typeof(decimal), typeof(short), typeof(byte), typeof(uint), typeof(ulong), typeof(ByteCount)];

    /// <summary>Each command path with each of its numeric options.</summary>
    public static TheoryData<string, string> Options()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, option) in Walk(BraidCommand.Create(), []))
        {
            var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            if (Numeric.Contains(type)) data.Add(string.Join(' ', path), option.Name);
        }
        return data;
    }

    private static IEnumerable<(string[] Path, Option Option)> Walk(Command command, string[] path)
    {
        foreach (var option in command.Options) yield return (path, option);
        foreach (var sub in command.Subcommands)
        {
            foreach (var found in Walk(sub, [.. path, sub.Name])) yield return found;
        }
    }

    [Fact]
    public void TheTreeHasNumericOptions_SoTheTheoryBelowTestsSomething()
    {
        var names = Options().Select(row => (string)row[1]).ToHashSet();
        Assert.Superset(new HashSet<string> { "--workers", "--threads", "--top", "--chunk-size", "--chunk-timeout", "--size", "--seed" }, names);
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void NotANumber_IsOneLine_NamingTheOptionAndItsRange_Exit2(string command, string option)
    {
        AssertRefused(command, option, "abc");
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void FarOutOfRange_IsOneLine_NamingTheOptionAndItsRange_Exit2(string command, string option)
    {
        AssertRefused(command, option, "99999999999999999999999");
    }

    [Theory]
    [InlineData("mapreduce wordcount", "--chunk-timeout", "0.0000001")] // rounds to no time at all, and 0 means no limit
    [InlineData("mapreduce wordcount", "--chunk-size", "0.4B")]         // rounds to an empty chunk
    [InlineData("mapreduce generate", "--size", "0")]
    [InlineData("mapreduce wordcount", "--workers", "0")]
    [InlineData("mapreduce wordcount", "--workers", "1000000")]       // far more processes than a machine can start
    [InlineData("gil run", "--threads", "100000")]
    [InlineData("mapreduce logs", "--top", "-1")]
    public void AbsurdValues_AreRefused_Exit2(string command, string option, string value)
    {
        AssertRefused(command, option, value);
    }

    private static string[] OtherArguments(string command) => command switch
    {
        "mapreduce wordcount" or "mapreduce logs" => ["input.txt"],
        "mapreduce generate" => ["words", "--out", Path.Combine(Path.GetTempPath(), "never-written.txt")],
        _ => [],
    };

    private static void AssertRefused(string command, string option, string value)
    {
        // The command's arguments are given too, so that only the option is wrong.
        var args = command.Split(' ').Concat([option, value]).Concat(OtherArguments(command));
        var run = BraidProcess.Run(args);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}, stderr: {run.Error}");
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(option, line);
        Assert.Contains($"'{value}'", line);
        Assert.Matches(@"from -?\d|at least \d|or a number", line);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Equal("", run.Out);
    }
}
