using Braid.Reporting;
using Spectre.Console;

namespace Braid.Cli.Progress;

/// <summary>
/// Shows the progress of a long run on standard error: a live display (Spectre.Console: the section, what it measures
/// now, a bar where the amount of work is known, the elapsed time) when both standard output and standard error are a
/// terminal, and plain lines (<see cref="PlainProgress"/>) otherwise, so that piped output holds results only and a
/// log never holds cursor movements. A command adopts it by wrapping its run:
/// <c>var results = ProgressDisplay.Run("bench echo", progress =&gt; EchoBench.Run(options, progress));</c>
/// </summary>
public static class ProgressDisplay
{
    /// <summary>True when progress is drawn live: standard output and standard error are a terminal that is not dumb.</summary>
    public static bool IsLive =>
        !Console.IsErrorRedirected && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary>Runs <paramref name="work"/>, showing what it reports under <paramref name="title"/> until it ends.</summary>
    public static T Run<T>(string title, Func<IProgressReporter, T> work) =>
        RunAsync(title, progress => Task.FromResult(work(progress))).GetAwaiter().GetResult();

    /// <summary>Runs <paramref name="work"/>, showing what it reports under <paramref name="title"/> until it ends.</summary>
    public static async Task<T> RunAsync<T>(string title, Func<IProgressReporter, Task<T>> work)
    {
        if (!IsLive) return await work(new PlainProgress(title, Console.Error, TimeProvider.System));
        // The display hides the cursor and shows it again when it ends; if the process must exit before (a second
        // Ctrl-C, the grace period), Interrupts shows it.
        Interrupts.CursorMayBeHidden = true;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 20 }, new FractionColumn(),
                new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var live = new LiveProgress(context, title, console.Profile.Width);
                var completed = false;
                try
                {
                    var result = await work(live);
                    completed = true;
                    return result;
                }
                finally
                {
                    live.End(completed);
                }
            });
    }
}
