namespace Braid.Problems.LessClassical;

/// <summary>5.3 FIFO barbershop: each customer queues its own semaphore, and the barber wakes the head of the queue.</summary>
internal sealed class FifoBarbershop() : Problem("fifo-barbershop", "5.3", Parts.LessClassical,
    ["at most 3 customers in the shop", "the barber cuts hair while its customer gets a haircut", "progress: every customer is served or balks", "customers are served in the order they entered"],
    [("enqueue-late", "a customer joins the queue after letting go of the mutex")])
{
    private const int Capacity = 3, Customers = 4;

    internal override void Start(World w)
    {
        var customer = w.Semaphore(0, "customer");
        var shop = new Shop(w, Capacity, Customers, customer);
        var queue = new Queue<Sem>();
        w.Spawn(Customers, "customer", async id =>
        {
            var self = w.Semaphore(0, $"customer{id}");
            var late = w.Is("enqueue-late");
            if (!await shop.Enter(whileHeld: () =>
                {
                    w.Note("queue", id);
                    if (!late) queue.Enqueue(self);
                })) return;
            if (late)
            {
                await w.Yield();
                queue.Enqueue(self);
            }
            customer.Signal();
            await self.Wait();
            await shop.GetHaircut(id);
        });
        w.Spawn("barber", () => shop.Barber(customer, async () =>
        {
            await shop.Mutex.Wait();
            var next = queue.Dequeue();
            shop.Mutex.Signal();
            next.Signal();
        }));
    }

    internal override void Check(EventLog log)
    {
        Shop.Check(log, Capacity, Customers, Rules[0], Rules[1], Rules[2]);
        var queued = log.Of("queue").Select(e => e.Arg).ToList();
        var served = log.Of("get haircut").Select(e => e.Arg).ToList();
        EventLog.Require(queued.SequenceEqual(served), Rules[3], () => $"queued {string.Join(",", queued)} but served {string.Join(",", served)}");
    }
}
