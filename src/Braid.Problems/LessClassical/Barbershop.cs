namespace Braid.Problems.LessClassical;

/// <summary>5.2 Barbershop: n places; a customer who finds the shop full balks; barber and customer meet twice (start and end of the cut).</summary>
internal sealed class Barbershop() : Problem("barbershop", "5.2", Parts.LessClassical,
    ["at most 3 customers in the shop", "the barber cuts hair while its customer gets a haircut", "progress: every customer is served or balks"],
    [("no-capacity", "customers never balk")])
{
    private const int Capacity = 3, Customers = 5;

    internal override void Start(World w)
    {
        var customer = w.Semaphore(0, "customer");
        var barber = w.Semaphore(0, "barber");
        var shop = new Shop(w, Capacity, Customers, customer);
        w.Spawn(Customers, "customer", async _ =>
        {
            if (!await shop.Enter(ignoreCapacity: w.Is("no-capacity"))) return;
            customer.Signal();
            await barber.Wait();
            await shop.GetHaircut();
        });
        w.Spawn("barber", () => shop.Barber(customer, () =>
        {
            barber.Signal();
            return Coroutine.CompletedCoroutine;
        }));
    }

    internal override void Check(EventLog log) => Shop.Check(log, Capacity, Customers, Rules[0], Rules[1], Rules[2]);
}
