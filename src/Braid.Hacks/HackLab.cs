namespace Braid.Hacks;

/// <summary>
/// One lab of <c>braid hacks</c>: a small runnable demonstration of a curious corner of async, short enough to read
/// in one sitting, that reports what it saw.
/// </summary>
public interface IHackLab
{
    /// <summary>The lab's name on the command line (<c>braid hacks run NAME</c>).</summary>
    string Name { get; }

    /// <summary>What the lab shows, in one line.</summary>
    string Summary { get; }

    /// <summary>Runs the lab (briefly: a few seconds at most) and returns what it saw.</summary>
    LabResult Run();
}

/// <summary>What a lab saw.</summary>
/// <param name="Headline">The result in a few words, for the tour's table.</param>
/// <param name="Lines">The lab's account, line by line.</param>
public sealed record LabResult(string Headline, IReadOnlyList<string> Lines);

/// <summary>Every lab, in the order <c>braid hacks list</c> shows them.</summary>
public static class HackLabs
{
    /// <summary>The labs.</summary>
    public static IReadOnlyList<IHackLab> All { get; } =
    [
        new Labs.AwaitAnythingLab(),
        new Labs.GeneratorsLab(),
        new Labs.StateMachineLab(),
        new Labs.ConfigureAwaitLab(),
        new Labs.AsyncVoidLab(),
        new Labs.SyncOverAsyncLab(),
        new Labs.StarvationLab(),
        new Labs.LostUpdateLab(),
    ];

    /// <summary>The lab called <paramref name="name"/>, or null.</summary>
    public static IHackLab? Find(string name) => All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.Ordinal));
}
