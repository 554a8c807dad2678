using System.CommandLine;

namespace Braid.Cli.Commands;

/// <summary>Options that many commands share, so they are spelled and described the same everywhere.</summary>
public static class CommonOptions
{
    public static Option<bool> Quick(string what = "Run the short form: fewer iterations, smaller inputs.") =>
        new("--quick") { Description = what };

    public static Option<FileInfo?> Json() =>
        new("--json") { Description = "Also write every figure and ratio to this JSON file.", HelpName = "FILE" };

    public static Option<int> Positive(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "N" };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError($"{name} must be at least 1.");
        });
        return option;
    }
}
