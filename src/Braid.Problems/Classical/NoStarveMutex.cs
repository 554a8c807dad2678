namespace Braid.Problems.Classical;

/// <summary>
/// 4.3 No-starve mutex (Morris's algorithm): two waiting rooms and two turnstiles with weak semaphores; threads
/// gather in room 1, move to room 2 as a batch, and pass into the critical section one by one.
/// </summary>
internal sealed class NoStarveMutex() : Problem("no-starve-mutex", "4.3", Parts.Classical,
    ["at most one thread in the critical section", "progress: every thread gets in every round"],
    [("t2-open", "turnstile t2 starts open")])
{
    private const int Threads = 3, Rounds = 2;

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var t1 = w.Semaphore(1, "t1");
        var t2 = w.Semaphore(w.Is("t2-open") ? 1 : 0, "t2");
        int room1 = 0, room2 = 0;
        w.Spawn(Threads, "thread", async _ =>
        {
            for (var r = 0; r < Rounds; r++)
            {
                await mutex.Wait();
                room1++;
                mutex.Signal();

                await t1.Wait();
                room2++;
                await mutex.Wait();
                room1--;
                if (room1 == 0)
                {
                    mutex.Signal();
                    t2.Signal();
                }
                else
                {
                    mutex.Signal();
                    t1.Signal();
                }

                await t2.Wait();
                room2--;
                w.Note("enter");
                await w.Yield();
                w.Note("leave");
                if (room2 == 0) t1.Signal();
                else t2.Signal();
            }
        });
    }

    internal override void Check(EventLog log)
    {
        log.AtMost(1, "enter", "leave", Rules[0]);
        log.Happened("leave", Threads * Rounds, Rules[1]);
    }
}
