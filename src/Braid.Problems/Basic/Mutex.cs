namespace Braid.Problems.Basic;

/// <summary>3.4 Mutex: three threads add to a shared count; a mutex keeps the read-modify-write whole.</summary>
internal sealed class Mutex() : Problem("mutex", "3.4", Parts.Basic,
    ["at most one thread in the critical section", "no increment is lost"],
    [("no-mutex", "the count is updated without the mutex")])
{
    private const int Threads = 3, Rounds = 2;

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var count = 0;
        w.Spawn(Threads, "thread", async _ =>
        {
            for (var r = 0; r < Rounds; r++)
            {
                if (!w.Is("no-mutex")) await mutex.Wait();
                w.Note("enter");
                var seen = count;
                await w.Yield();
                count = seen + 1;
                w.Note("leave", count);
                if (!w.Is("no-mutex")) mutex.Signal();
            }
        });
    }

    internal override void Check(EventLog log)
    {
        log.AtMost(1, "enter", "leave", Rules[0]);
        var written = log.Of("leave").Select(e => e.Arg).ToHashSet();
        EventLog.Require(written.Count == Threads * Rounds, Rules[1], () => $"{Threads * Rounds} increments wrote only {written.Count} distinct values");
    }
}
