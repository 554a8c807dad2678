namespace Braid.Problems.NotSoClassical;

/// <summary>
/// 6.4 The Modus Hall problem: heathens and prudes cross a field, never together; the side with more waiting
/// takes the field over: a transition locks the ruling side's turnstile until the field is clear, then the
/// waiting side's queue is released.
/// </summary>
internal sealed class ModusHall() : Problem("modus-hall", "6.4", Parts.NotSoClassical,
    ["never heathens and prudes on the field together", "progress: everyone crosses"],
    [("no-queue", "an arrival never waits in its side's queue")])
{
    private const int Neutral = 0;
    private static readonly int[] People = [3, 3]; // heathens, prudes

    private static int Ruling(int side) => 1 + side;

    private static int TransitionTo(int side) => 3 + side;

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var turn = new[] { w.Semaphore(1, "heathenTurn"), w.Semaphore(1, "prudeTurn") };
        var queue = new[] { w.Semaphore(0, "heathenQueue"), w.Semaphore(0, "prudeQueue") };
        var count = new int[2];
        var status = Neutral;
        var queues = !w.Is("no-queue");
        async Coroutine Cross(int me)
        {
            var other = 1 - me;
            await turn[me].Wait();
            turn[me].Signal();
            await mutex.Wait();
            count[me]++;
            if (status == Neutral)
            {
                status = Ruling(me);
                mutex.Signal();
            }
            else if (status == Ruling(other) || status == TransitionTo(me))
            {
                if (status == Ruling(other) && count[me] > count[other])
                {
                    status = TransitionTo(me);
                    await turn[other].Wait();
                }
                mutex.Signal();
                if (queues) await queue[me].Wait();
            }
            else mutex.Signal();

            w.Note("in", me);
            await w.Yield();
            w.Note("out", me);

            await mutex.Wait();
            count[me]--;
            if (count[me] == 0)
            {
                if (status == TransitionTo(other)) turn[me].Signal();
                if (count[other] > 0)
                {
                    queue[other].Signal(count[other]);
                    status = Ruling(other);
                }
                else status = Neutral;
            }
            if (status == Ruling(me) && count[other] > count[me])
            {
                status = TransitionTo(other);
                await turn[me].Wait();
            }
            mutex.Signal();
        }
        w.Spawn(People[0], "heathen", _ => Cross(0));
        w.Spawn(People[1], "prude", _ => Cross(1));
    }

    internal override void Check(EventLog log)
    {
        SharedRoom.Check(log, People.Sum(), Rules[0], Rules[0]);
        log.Happened("out", People.Sum(), Rules[1]);
    }
}
