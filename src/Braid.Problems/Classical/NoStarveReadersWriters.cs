namespace Braid.Problems.Classical;

/// <summary>4.2.3 No-starve readers-writers: a turnstile that a waiting writer holds keeps new readers out.</summary>
internal sealed class NoStarveReadersWriters() : Problem("no-starve-readers-writers", "4.2.3", Parts.Classical,
    ["a writer is alone in the room", "no reader passes the turnstile while a writer waits at the room"],
    [("no-turnstile", "readers do not pass through the turnstile")])
{
    internal override void Start(World w)
    {
        var roomEmpty = w.Semaphore(1, "roomEmpty");
        var turnstile = w.Semaphore(1, "turnstile");
        var readSwitch = new Lightswitch(w, "readSwitch");
        w.Spawn(Room.Readers, "reader", async _ =>
        {
            for (var r = 0; r < Room.Rounds; r++)
            {
                if (!w.Is("no-turnstile")) await turnstile.Wait();
                w.Note("pass"); // inside the turnstile, so the log keeps its order on threads too
                if (!w.Is("no-turnstile")) turnstile.Signal();
                await readSwitch.Lock(roomEmpty);
                await Room.Read(w);
                await readSwitch.Unlock(roomEmpty);
            }
        });
        w.Spawn(Room.Writers, "writer", async _ =>
        {
            for (var r = 0; r < Room.Rounds; r++)
            {
                await turnstile.Wait();
                w.Note("want");
                await roomEmpty.Wait();
                await Room.Write(w);
                turnstile.Signal();
                roomEmpty.Signal();
            }
        });
    }

    internal override void Check(EventLog log)
    {
        Room.Check(log, Rules[0]);
        log.Occupancy(e => e.What switch { "want" => (0, 1), "write in" => (0, -1), "pass" => (1, 1), _ => null },
            (n, e) => EventLog.Require(e.What != "pass" || n[0] == 0, Rules[1], e, () => $"{e} while a writer waits"), kinds: 2);
    }
}
