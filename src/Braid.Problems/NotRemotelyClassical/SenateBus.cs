namespace Braid.Problems.NotRemotelyClassical;

/// <summary>
/// 7.4 The Senate bus problem: riders wait at the stop; a bus takes at most C of those waiting when it arrived, and
/// riders who come while it boards wait for the next one.
/// </summary>
internal sealed class SenateBus() : Problem("senate-bus", "7.4", Parts.NotRemotelyClassical,
    ["at most 2 riders board each bus", "a rider who arrives while the bus boards waits for the next", "progress: every rider boards"],
    [("no-rider-mutex", "riders arrive without the mutex")])
{
    private const int C = 2, Riders = 5;

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var bus = w.Semaphore(0, "bus");
        var boarded = w.Semaphore(0, "boarded");
        var atTheStop = w.Semaphore(0, "atTheStop"); // a bus comes round once someone has come to the stop
        int riders = 0, total = 0, trip = 0;
        w.Spawn("bus", async () =>
        {
            while (total < Riders)
            {
                await atTheStop.Wait();
                await mutex.Wait();
                w.Note("arrive bus", trip);
                var n = Math.Min(riders, C);
                for (var i = 0; i < n; i++)
                {
                    bus.Signal();
                    await boarded.Wait();
                }
                riders = Math.Max(riders - C, 0);
                total += n;
                w.Note("depart", trip++);
                mutex.Signal();
            }
        });
        w.Spawn(Riders, "rider", async _ =>
        {
            var useMutex = !w.Is("no-rider-mutex");
            if (useMutex) await mutex.Wait();
            else await w.Yield();
            riders++;
            w.Note("arrive rider");
            if (useMutex) mutex.Signal();
            atTheStop.Signal();
            await bus.Wait();
            w.Note("board", trip);
            boarded.Signal();
        });
    }

    internal override void Check(EventLog log)
    {
        var boarding = false;
        var waitingSinceBefore = 0; // riders waiting when this bus arrived, not yet boarded
        var waitingNow = 0;
        foreach (var e in log.Events)
        {
            switch (e.What)
            {
                case "arrive bus":
                    boarding = true;
                    waitingSinceBefore = waitingNow;
                    break;
                case "depart": boarding = false; break;
                case "arrive rider": waitingNow++; break;
                case "board":
                    EventLog.Require(boarding && waitingSinceBefore-- > 0, Rules[1], e, () => $"{e}: boards though it came while the bus was boarding");
                    waitingNow--;
                    break;
            }
        }
        foreach (var trip in log.Of("board").GroupBy(e => e.Arg))
        {
            EventLog.Require(trip.Count() <= C, Rules[0], () => $"{trip.Count()} boarded bus {trip.Key}");
        }
        log.Happened("board", Riders, Rules[2]);
    }
}
