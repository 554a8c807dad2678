namespace Braid.Problems.LessClassical;

/// <summary>5.8 The roller coaster: passengers board a car of C seats, ride, and unboard; the car runs only when full.</summary>
internal sealed class RollerCoaster() : Problem("roller-coaster", "5.8", Parts.LessClassical,
    Coaster.Rules,
    [("no-all-aboard", "the car does not wait for everyone to board")])
{
    internal override void Start(World w)
    {
        var c = new Coaster(w, cars: 1);
        w.Spawn("car", async () =>
        {
            for (var run = 0; run < Coaster.Runs; run++)
            {
                await c.Load(0, waitForAll: !w.Is("no-all-aboard"));
                await c.Unload(0);
            }
        });
    }

    internal override void Check(EventLog log) => Coaster.Check(log);
}

/// <summary>The coasters' passengers and queues (5.8, 5.8.4): board, ride, unboard; the last to board or unboard tells the car.</summary>
internal sealed class Coaster
{
    public const int Seats = 2, Passengers = 4, Runs = Passengers / Seats;

    public static readonly string[] Rules =
    [
        "passengers board only while a car is loading", "a car runs only when full",
        "passengers unboard only while a car is unloading", "progress: every passenger rides",
    ];

    private readonly World _w;
    private readonly Sem _boardQueue, _unboardQueue, _allAboard, _allAshore, _mutex, _mutex2;
    private int _boarders, _unboarders;

    public Coaster(World w, int cars)
    {
        _w = w;
        _boardQueue = w.Semaphore(0, "boardQueue");
        _unboardQueue = w.Semaphore(0, "unboardQueue");
        _allAboard = w.Semaphore(0, "allAboard");
        _allAshore = w.Semaphore(0, "allAshore");
        _mutex = w.Semaphore(1, "mutex");
        _mutex2 = w.Semaphore(1, "mutex2");
        w.Spawn(Passengers, "passenger", _ => Ride());
    }

    /// <summary>The car loads (and, when told to, waits until all are aboard); "loaded" is noted before the next car may load.</summary>
    public async Coroutine Load(int car, bool waitForAll = true)
    {
        _w.Note("load", car);
        _boardQueue.Signal(Seats);
        if (waitForAll) await _allAboard.Wait();
        _w.Note("run", car);
    }

    public async Coroutine Unload(int car)
    {
        await _w.Yield();
        _w.Note("unload", car);
        _unboardQueue.Signal(Seats);
        await _allAshore.Wait();
        _w.Note("unloaded", car);
    }

    private async Coroutine Ride()
    {
        await _boardQueue.Wait();
        _w.Note("board");
        await LastTells(_mutex, () => ++_boarders, () => _boarders = 0, _allAboard);
        await _unboardQueue.Wait();
        _w.Note("unboard");
        await LastTells(_mutex2, () => ++_unboarders, () => _unboarders = 0, _allAshore);
    }

    /// <summary>Counts one more under <paramref name="mutex"/>; the one who fills the car resets the count and tells it.</summary>
    private static async Coroutine LastTells(Sem mutex, Func<int> countOneMore, Action reset, Sem car)
    {
        await mutex.Wait();
        if (countOneMore() == Seats)
        {
            car.Signal();
            reset();
        }
        mutex.Signal();
    }

    public static void Check(EventLog log)
    {
        int loading = 0, aboard = 0, unloading = 0;
        foreach (var e in log.Events)
        {
            switch (e.What)
            {
                case "load": loading++; break;
                case "board":
                    EventLog.Require(loading > 0, Rules[0], e, () => $"{e} with no car loading");
                    aboard++;
                    break;
                case "run":
                    EventLog.Require(aboard >= Seats, Rules[1], e, () => $"{e} with {aboard} aboard");
                    aboard -= Seats;
                    loading--;
                    break;
                case "unload": unloading++; break;
                case "unboard": EventLog.Require(unloading > 0, Rules[2], e, () => $"{e} with no car unloading"); break;
                case "unloaded": unloading--; break;
            }
        }
        log.Happened("unboard", Passengers, Rules[3]);
    }
}
