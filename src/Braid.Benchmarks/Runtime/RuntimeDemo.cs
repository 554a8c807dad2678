using Braid.Testing;

namespace Braid.Benchmarks.Runtime;

/// <summary>The tour's runtime demo: a task group, a timeout, a deterministic trace, and a deadlock report.</summary>
internal static class RuntimeDemo
{
    /// <summary>Three workers sleep on virtual time inside a 2.5 s timeout; returns what happened and the trace.</summary>
    public static (IReadOnlyList<string> Log, IReadOnlyList<string> Trace) TimeoutDemo(int seed)
    {
        var trace = new TraceRecorder();
        var log = new List<string>();
        Loop.Run(async () =>
        {
            var inTime = await Loop.MoveOnAfter(TimeSpan.FromSeconds(2.5), async () =>
            {
                await TaskGroup.RunAsync(group =>
                {
                    foreach (var seconds in new[] { 1, 2, 3 })
                    {
                        group.Spawn(async () =>
                        {
                            try
                            {
                                await Loop.Sleep(TimeSpan.FromSeconds(seconds));
                                log.Add($"{Loop.Now.TotalSeconds:0.0} s: worker-{seconds} finished");
                            }
                            catch (CancelledException)
                            {
                                log.Add($"{Loop.Now.TotalSeconds:0.0} s: worker-{seconds} cancelled, cleaning up");
                                throw;
                            }
                        }, $"worker-{seconds}");
                    }
                    return Coroutine.CompletedCoroutine;
                });
            });
            log.Add($"{Loop.Now.TotalSeconds:0.0} s: the group {(inTime ? "finished" : "was cut short by the 2.5 s timeout")}");
        }, RunOptions.Deterministic(seed, trace));
        return (log, trace.Lines);
    }

    /// <summary>Two strands each wait for the other's event: the deadlock report names both and what they wait on.</summary>
    public static string DeadlockDemo()
    {
        try
        {
            Loop.Run(async () =>
            {
                var aReady = new Event();
                var bReady = new Event();
                await TaskGroup.RunAsync(group =>
                {
                    group.Spawn(async () =>
                    {
                        await bReady.Wait();
                        aReady.Set();
                    }, "a");
                    group.Spawn(async () =>
                    {
                        await aReady.Wait();
                        bReady.Set();
                    }, "b");
                    return Coroutine.CompletedCoroutine;
                });
            }, RunOptions.Deterministic(1));
            return "no deadlock (unexpected)";
        }
        catch (DeadlockException e)
        {
            return e.Message;
        }
    }
}
