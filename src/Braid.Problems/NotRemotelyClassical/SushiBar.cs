namespace Braid.Problems.NotRemotelyClassical;

/// <summary>
/// 7.1 The sushi bar: five seats; a customer who arrives while all five are taken waits until all five have left.
/// The book's second solution ("I'll do it for you"): the last to leave seats up to five waiters itself.
/// </summary>
internal sealed class SushiBar() : Problem("sushi-bar", "7.1", Parts.NotRemotelyClassical,
    ["at most 5 at the bar", "once all 5 seats fill, nobody sits until all 5 have left", "progress: every customer eats"],
    [("ignore-must-wait", "arrivals sit even when the bar is full")])
{
    private const int Seats = 5, Customers = 7;

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var block = w.Semaphore(0, "block");
        int eating = 0, waiting = 0;
        var mustWait = false;
        w.Spawn(Customers, "customer", async _ =>
        {
            await mutex.Wait();
            if (mustWait && !w.Is("ignore-must-wait"))
            {
                waiting++;
                mutex.Signal();
                await block.Wait(); // the last to leave gave us a seat
            }
            else
            {
                eating++;
                mustWait = eating == Seats;
                w.Note("sit");
                mutex.Signal();
            }
            await w.Yield(); // eat
            await mutex.Wait();
            eating--;
            w.Note("leave");
            if (eating == 0)
            {
                var n = Math.Min(Seats, waiting);
                waiting -= n;
                eating += n;
                mustWait = eating == Seats;
                if (n > 0) w.Note("seat", n);
                block.Signal(n);
            }
            mutex.Signal();
        });
    }

    internal override void Check(EventLog log)
    {
        var eating = 0;
        var full = false;
        foreach (var e in log.Events)
        {
            if (e.What == "sit") EventLog.Require(!full, Rules[1], e, () => $"{e} while the bar is full");
            eating += e.What switch { "sit" => 1, "seat" => e.Arg, _ => -1 };
            EventLog.Require(eating <= Seats, Rules[0], e, () => $"{eating} at the bar after {e}");
            if (eating == Seats) full = true;
            if (eating == 0) full = false;
        }
        log.Happened("leave", Customers, Rules[2]);
    }
}
