namespace Braid.Problems.NotRemotelyClassical;

/// <summary>
/// 7.6 The dining hall problem: nobody leaves a student eating alone. A student who would do so waits until another
/// sits down or the last one finishes; the student who lets a waiter go notes it, under the mutex.
/// </summary>
internal sealed class DiningHall() : Problem("dining-hall", "7.6", Parts.NotRemotelyClassical,
    ["nobody leaves a student dining alone", "progress: every student leaves"],
    [("no-wait", "a student leaves without waiting")])
{
    private const int Students = 4;

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var okToLeave = w.Semaphore(0, "okToLeave");
        int eating = 0, readyToLeave = 0;
        w.Spawn(Students, "student", async _ =>
        {
            await w.Yield(); // get food
            await mutex.Wait();
            eating++;
            w.Note("dine");
            if (eating == 2 && readyToLeave == 1)
            {
                w.Note("let leave");
                okToLeave.Signal();
                readyToLeave--;
            }
            mutex.Signal();
            await w.Yield(); // dine
            await mutex.Wait();
            eating--;
            readyToLeave++;
            w.Note("ready");
            if (eating == 1 && readyToLeave == 1 && !w.Is("no-wait"))
            {
                mutex.Signal();
                await okToLeave.Wait();
                return;
            }
            if (eating == 0 && readyToLeave == 2)
            {
                w.Note("let leave");
                okToLeave.Signal();
                readyToLeave -= 2;
            }
            else readyToLeave--;
            w.Note("leave");
            mutex.Signal();
        });
    }

    internal override void Check(EventLog log)
    {
        int dining = 0, ready = 0;
        foreach (var e in log.Events)
        {
            switch (e.What)
            {
                case "dine": dining++; break;
                case "ready":
                    dining--;
                    ready++;
                    break;
                case "leave" or "let leave":
                    ready--;
                    EventLog.Require(dining != 1 || ready > 0, Rules[0], e, () => $"{e} leaves one student dining alone");
                    break;
            }
        }
        EventLog.Require(ready == 0 && dining == 0, Rules[1], () => $"{ready} still waiting to leave");
    }
}
