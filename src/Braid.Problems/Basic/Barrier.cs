namespace Braid.Problems.Basic;

/// <summary>3.6 Barrier: nobody reaches the critical point until all n have arrived; the turnstile passes one at a time.</summary>
internal sealed class BarrierProblem() : Problem("barrier", "3.6", Parts.Basic,
    ["no thread passes the barrier before all have arrived", "progress: every thread passes"],
    [("no-turnstile-signal", "a thread through the turnstile does not let the next one through (deadlock)"),
     ("signal-early", "the turnstile is opened when n-1 have arrived")])
{
    private const int N = 3;

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var barrier = w.Semaphore(0, "barrier");
        var count = 0;
        w.Spawn(N, "thread", async _ =>
        {
            w.Note("rendezvous");
            await mutex.Wait();
            count++;
            if (count == (w.Is("signal-early") ? N - 1 : N)) barrier.Signal();
            mutex.Signal();
            await barrier.Wait();
            if (!w.Is("no-turnstile-signal")) barrier.Signal();
            w.Note("critical point");
        });
    }

    internal override void Check(EventLog log)
    {
        var lastArrival = log.Of("rendezvous").Max(e => e.Seq);
        EventLog.Require(log.Of("critical point").All(e => e.Seq > lastArrival), Rules[0], () => "a thread passed before the last arrival");
        log.Happened("critical point", N, Rules[1]);
    }
}
