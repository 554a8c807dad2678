namespace Braid.Hacks.Labs;

/// <summary>
/// async void's failure mode: the caller gets no Task, so it cannot await the method or catch what it throws. An
/// exception after the first await is rethrown on the SynchronizationContext the method started on; with none (a
/// console app, the thread pool) it is rethrown on the thread pool and ends the process. On a Braid loop it lands on
/// the loop, where the run reports it instead of losing it.
/// </summary>
internal sealed class AsyncVoidLab : IHackLab
{
    public string Name => "async-void";

    public string Summary => "async void: its exception escapes the caller's try/catch; on Braid's loop the run reports it instead of the process dying";

    internal sealed record Observation(bool CaughtByCaller, bool CallerFinishedFirst, Exception? ReportedByRun);

    internal static Observation Observe()
    {
        var caught = false;
        var callerDone = false;
        var callerFirst = false;
        Exception? reported = null;
        try
        {
            Loop.Run(async Task () =>
            {
                try
                {
                    FireAndForget(() => callerFirst = callerDone);
                }
                catch (InvalidOperationException)
                {
                    caught = true; // never: the method returned at its first await, before it threw
                }
                callerDone = true;
                await Task.Yield();
            });
        }
        catch (AggregateException e)
        {
            reported = e.InnerExceptions.Single();
        }
        return new Observation(caught, callerFirst, reported);
    }

    private static async void FireAndForget(Action beforeThrow)
    {
        await Task.Yield();
        beforeThrow();
        throw new InvalidOperationException("thrown by an async void method after its first await");
    }

    public LabResult Run()
    {
        var o = Observe();
        return new LabResult(o.ReportedByRun is null ? "the failure was lost" : "caller's catch missed it; Loop.Run reported it",
        [
            $"the caller's try/catch caught it: {o.CaughtByCaller} (async void returns at its first pending await; there is no Task to hold the exception)",
            $"the caller had already finished when it threw: {o.CallerFinishedFirst}",
            $"on Braid's loop the exception was posted to the loop's SynchronizationContext and Loop.Run reported it: {o.ReportedByRun?.GetType().Name}: {o.ReportedByRun?.Message}",
            "without a context (a console app, code on the thread pool) the runtime rethrows it on a thread-pool thread: an unhandled exception, and the process ends.",
            "Use async Task; keep async void for event handlers, and catch inside them.",
        ]);
    }
}
