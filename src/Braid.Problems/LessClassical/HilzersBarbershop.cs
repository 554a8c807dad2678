namespace Braid.Problems.LessClassical;

/// <summary>
/// 5.4 Hilzer's barbershop: barbers' chairs, a sofa and standing room; a customer waits standing, then on the sofa,
/// then in a chair, pays after the cut, and any barber takes the payment.
/// </summary>
internal sealed class HilzersBarbershop() : Problem("hilzers-barbershop", "5.4", Parts.LessClassical,
    ["at most 5 customers in the shop", "the barber cuts hair while its customer gets a haircut", "progress: every customer is served or balks",
     "at most 2 on the sofa", "at most 2 in the barbers' chairs", "a payment is taken only after a customer paid"],
    [("sofa-of-3", "the sofa lets three sit")])
{
    private const int Capacity = 5, Customers = 6, Barbers = 2, Sofa = 2;

    internal override void Start(World w)
    {
        var customer = w.Semaphore(0, "customer");
        var barber = w.Semaphore(0, "barber");
        var sofa = w.Semaphore(w.Is("sofa-of-3") ? Sofa + 1 : Sofa, "sofa");
        var chair = w.Semaphore(Barbers, "chair");
        var cash = w.Semaphore(0, "cash");
        var receipt = w.Semaphore(0, "receipt");
        var shop = new Shop(w, Capacity, Customers, customer, Barbers);
        w.Spawn(Customers, "customer", async _ =>
        {
            if (!await shop.Enter()) return;
            await sofa.Wait();
            w.Note("sit on sofa");
            await chair.Wait();
            w.Note("get up from sofa");
            sofa.Signal();
            w.Note("sit in chair");
            customer.Signal();
            await barber.Wait();
            w.Note("get haircut");
            await w.Yield();
            w.Note("pay");
            cash.Signal();
            await receipt.Wait();
            w.Note("leave chair");
            chair.Signal();
            await shop.Leave();
        });
        w.Spawn(Barbers, "barber", async _ =>
        {
            while (true)
            {
                await customer.Wait();
                if (shop.Closing) return;
                w.Note("cut hair");
                barber.Signal();
                await cash.Wait();
                w.Note("accept payment");
                receipt.Signal();
            }
        });
    }

    internal override void Check(EventLog log)
    {
        Shop.Check(log, Capacity, Customers, Rules[0], Rules[1], Rules[2], Barbers);
        log.AtMost(Sofa, "sit on sofa", "get up from sofa", Rules[3]);
        log.AtMost(Barbers, "sit in chair", "leave chair", Rules[4]);
        log.Occupancy(e => e.What switch { "pay" => (0, 1), "accept payment" => (0, -1), _ => null },
            (n, e) => EventLog.Require(n[0] >= 0, Rules[5], e, () => $"{e} with nobody paying"));
    }
}
