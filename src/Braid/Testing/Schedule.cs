using System.Globalization;

namespace Braid.Testing;

/// <summary>
/// A schedule: the choice made at each choice point of a run (the index of the runnable strand that ran), with the
/// seed of the run's other random choices. Choices past the end are 0 (the first runnable strand), so a schedule is
/// stored without its trailing zeros. It replays exactly with <see cref="Explorer.Replay"/>.
/// </summary>
/// <param name="Scenario">What it is a schedule of ("dining-philosophers/no-footman"), checked on replay; null for any.</param>
/// <param name="Seed">The run's seed (select's random choices).</param>
/// <param name="Choices">The choices, in order.</param>
public sealed record Schedule(string? Scenario, int Seed, IReadOnlyList<int> Choices)
{
    /// <summary>The same schedule without trailing zero choices (which are the default).</summary>
    public Schedule Trimmed()
    {
        var n = Choices.Count;
        while (n > 0 && Choices[n - 1] == 0) n--;
        return n == Choices.Count ? this : this with { Choices = Choices.Take(n).ToArray() };
    }

    /// <summary>Writes the schedule as text: a comment, the scenario, the seed and the choices.</summary>
    public void Save(string path) => File.WriteAllText(path, ToText());

    /// <summary>The schedule as the text <see cref="Save"/> writes.</summary>
    public string ToText() =>
        $"# braid schedule ({Choices.Count} choices): replay it with 'braid semaphores run --replay FILE'\n" +
        $"scenario: {Scenario ?? "-"}\nseed: {Seed}\nchoices: {string.Join(' ', Choices)}\n";

    /// <summary>Reads a schedule file; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static Schedule Load(string path)
    {
        if (!File.Exists(path)) throw new FormatException($"no schedule file '{path}'");
        string? scenario = null;
        int? seed = null;
        int[]? choices = null;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            if (colon < 0) throw new FormatException($"'{path}' is not a schedule file: unexpected line '{line}'");
            var value = line[(colon + 1)..].Trim();
            switch (line[..colon])
            {
                case "scenario": scenario = value == "-" ? null : value; break;
                case "seed": seed = Number(value, path); break;
                case "choices": choices = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => Number(v, path)).ToArray(); break;
                default: throw new FormatException($"'{path}' is not a schedule file: unknown field '{line[..colon]}'");
            }
        }
        if (seed is null || choices is null) throw new FormatException($"'{path}' is not a schedule file: it needs 'seed:' and 'choices:' lines");
        if (choices.Any(c => c < 0)) throw new FormatException($"'{path}': a choice is negative");
        return new Schedule(scenario, seed.Value, choices);
    }

    private static int Number(string text, string path) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"'{path}': '{text}' is not a number");
}

/// <summary>A schedule replayed against a scenario it does not fit: a choice names a strand that is not runnable, or choices are left over.</summary>
public sealed class ScheduleMismatchException(string message) : Exception(message);
