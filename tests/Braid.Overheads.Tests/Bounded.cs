namespace Braid.Overheads.Tests;

/// <summary>Runs a measurement with a deadline, so a lost wake-up fails the test with a message instead of hanging the run.</summary>
internal static class Bounded
{
    /// <summary>Long enough for a dozen child processes on a loaded 2-core machine; a hang is far longer.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="measure"/> on a thread of its own and waits for it at most <see cref="Limit"/>.</summary>
    public static T Run<T>(string what, Func<T> measure)
    {
        var run = Task.Factory.StartNew(measure, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (Task.WaitAny([run], Limit) < 0) Assert.Fail($"{what} did not finish within {Limit.TotalSeconds:0} s: a lost wake-up (a unit parked that nothing wakes)?");
        return run.GetAwaiter().GetResult();
    }
}
