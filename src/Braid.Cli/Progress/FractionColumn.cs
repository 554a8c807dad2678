using Spectre.Console;
using Spectre.Console.Rendering;

namespace Braid.Cli.Progress;

/// <summary>The percentage done, left blank while the amount of work is unknown (a pulsing bar says so already).</summary>
internal sealed class FractionColumn : ProgressColumn
{
    private readonly PercentageColumn _percentage = new();

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        task.IsIndeterminate ? new Text("    ") : _percentage.Render(options, task, deltaTime);
}
