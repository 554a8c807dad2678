using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Braid.MapReduce.Generators;
using Braid.Reporting.Files;

namespace Braid.Cli.Commands;

/// <summary>A number of bytes, as the value of a size option: help shows it as people write it (4MB, not 4194304).</summary>
public readonly record struct ByteCount(long Bytes)
{
    /// <inheritdoc />
    public override string ToString() => ByteSize.Format(Bytes);
}

/// <summary>
/// Options that many commands share, so they are spelled, described and checked the same everywhere. Every value is
/// checked while the command line is parsed, from its text (never by reading a value that may not have parsed): a
/// bad one is one line naming the option and what it accepts, exit code 2, before any work starts.
/// </summary>
public static class CommonOptions
{
    /// <summary>The most workers or threads a command starts: far more than any machine here has cores.</summary>
    public const int MaxWorkers = 256;

    public static Option<bool> Quick(string what = "Run the short form: fewer iterations, smaller inputs.") =>
        new("--quick") { Description = what };

    /// <summary><c>--json FILE</c>, checked to be writable before the work starts.</summary>
    public static Option<FileInfo?> Json() => OutputFile("--json", "Also write every figure and ratio to this JSON file.", createFolder: true);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> Count(string name, int defaultValue, int min, int max, string description, string helpName = "N") =>
        Checked(name, helpName, description, Range(min, max, "a whole number"), defaultValue, text =>
            (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max, n));

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or nothing when not given.</summary>
    public static Option<int?> OptionalCount(string name, int min, int max, string description, string helpName = "N") =>
        Checked<int?>(name, helpName, description, Range(min, max, "a whole number"), null, text =>
            (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max, (int?)n));

    /// <summary>
    /// A number of seconds: 0 (when <paramref name="zeroMeans"/> says what 0 means) or from <paramref name="min"/> to
    /// <paramref name="max"/>; a value between 0 and <paramref name="min"/> would round to nothing, and is refused.
    /// </summary>
    public static Option<double> Seconds(string name, double defaultValue, double min, double max, string? zeroMeans, string description)
    {
        var accepted = (zeroMeans is null ? "" : $"0 ({zeroMeans}) or ") + $"a number of seconds from {Format(min)} to {Format(max)}";
        return Checked(name, "SECONDS", description, accepted, defaultValue, text =>
            (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s)
             && (s == 0 && zeroMeans is not null || s >= min && s <= max), s));
    }

    /// <summary>A size in bytes written as people write it (<c>200MB</c>, <c>4KB</c>, <c>1GB</c>), from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<ByteCount> Size(string name, long defaultValue, long min, long max, string description) =>
        Checked(name, "SIZE", description, $"a size from {ByteSize.Format(min)} to {ByteSize.Format(max)} (like 200MB)", new ByteCount(defaultValue), text =>
            (ByteSize.TryParse(text, out var bytes) && bytes >= min && bytes <= max, new ByteCount(bytes)));

    /// <summary>A file the command writes (whole or not at all), checked to be writable before the work starts.</summary>
    public static Option<FileInfo?> OutputFile(string name, string description, bool createFolder) =>
        Checked<FileInfo?>(name, "FILE", description, accepted: null, null, text =>
        {
            if (text.Length == 0) throw new Refusal("an empty path is no file");
            var full = Path.GetFullPath(text);
            if (AtomicFile.CheckWritable(full, createFolder) is { } why) throw new Refusal(why);
            return (true, new FileInfo(full));
        });

    /// <summary>A folder the command writes files into, created if need be, checked to be writable before the work starts.</summary>
    public static Option<DirectoryInfo?> OutputFolder(string name, string description, DirectoryInfo? defaultValue = null) =>
        Checked<DirectoryInfo?>(name, "DIR", description, accepted: null, defaultValue, text =>
        {
            if (text.Length == 0) throw new Refusal("an empty path is no folder");
            var full = Path.GetFullPath(text);
            if (AtomicFile.CheckFolder(full) is { } why) throw new Refusal(why);
            return (true, new DirectoryInfo(full));
        });

    /// <summary>Why a value is refused, in a few words, thrown out of a parse function.</summary>
    private sealed class Refusal(string why) : Exception(why);

    /// <summary>
    /// An option whose text is parsed and checked in one step, by <paramref name="parse"/> (false: not accepted); the
    /// error names the option and, when <paramref name="accepted"/> is given, what it accepts. Help shows the range.
    /// </summary>
    private static Option<T> Checked<T>(string name, string helpName, string description, string? accepted, T defaultValue, Func<string, (bool Ok, T Value)> parse)
    {
        var option = new Option<T>(name)
        {
            Description = accepted is null ? description : $"{description} Accepts {accepted}.",
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
        };
        option.CustomParser = result => Parse(result, name, accepted, parse, defaultValue);
        return option;
    }

    private static T Parse<T>(ArgumentResult result, string name, string? accepted, Func<string, (bool Ok, T Value)> parse, T fallback)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        try
        {
            var (ok, value) = parse(text.Trim());
            if (ok) return value;
            result.AddError($"{name} must be {accepted}, not '{text}'");
        }
        catch (Refusal why)
        {
            result.AddError($"{name}: {why.Message}");
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or IOException)
        {
            // Path.GetFullPath on a name no file system takes (a NUL byte, say).
            result.AddError($"{name}: '{text}' is not a path this system can use");
        }
        return fallback;
    }

    private static string Range(int min, int max, string what) =>
        max == int.MaxValue && min >= 0 ? $"{what} of at least {min}" : $"{what} from {min} to {max}";

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
