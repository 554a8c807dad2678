using Braid.Reporting;
using Braid.Reporting.Tour;

namespace Braid.Hacks;

/// <summary>The tour's hacks section, last in the course: every lab of <c>braid hacks</c>, briefly, with its result.</summary>
public sealed class HacksTourSection : ITourSection
{
    /// <inheritdoc />
    public string Id => "hacks";

    /// <inheritdoc />
    public string Title => "The hacks lab: curious corners of async, run";

    /// <inheritdoc />
    public Task<Section> RunAsync(TourContext context, CancellationToken cancellationToken)
    {
        var section = new Section(Title).Text(
            "Small labs on how async really works, each runnable alone with `braid hacks run NAME` and each checked by a test. " +
            "They run here one after another on this thread; the table gives each one's result, and its full account follows.");
        var rows = new List<IReadOnlyList<string>>();
        var accounts = new List<string>();
        for (var i = 0; i < HackLabs.All.Count; i++)
        {
            var lab = HackLabs.All[i];
            cancellationToken.ThrowIfCancellationRequested();
            context.Progress.Report($"lab {lab.Name}", (double)i / HackLabs.All.Count);
            var result = lab.Run();
            rows.Add([lab.Name, lab.Summary, result.Headline]);
            accounts.Add($"$ braid hacks run {lab.Name}\n" + string.Join("\n", result.Lines));
            if (lab.Name is "sync-over-async" or "starvation" or "lost-update") section.Headline(lab.Name, result.Headline);
        }
        section.Table(["lab", "what it shows", "result"], rows);
        foreach (var account in accounts) section.Code(account);
        return Task.FromResult(section);
    }
}
