namespace Braid.Problems;

/// <summary>
/// The barbershops' front door (5.2-5.4): customers enter unless the shop is full (then they balk), and leave; the
/// last customer to be done closes the shop, waking the barbers through <paramref name="wake"/> so they go home.
/// </summary>
internal sealed class Shop(World w, int capacity, int customers, Sem wake, int barbers = 1)
{
    private readonly Sem _customerDone = w.Semaphore(0, "customerDone");
    private readonly Sem _barberDone = w.Semaphore(0, "barberDone");
    private int _inside;
    private int _left = customers;

    public Sem Mutex { get; } = w.Semaphore(1, "mutex");

    /// <summary>True once every customer has been served or has balked: a barber woken then goes home.</summary>
    public bool Closing { get; private set; }

    /// <summary>Enters (noting "enter" and running <paramref name="whileHeld"/> under the mutex), or balks when full.</summary>
    public async Coroutine<bool> Enter(bool ignoreCapacity = false, Action? whileHeld = null)
    {
        await Mutex.Wait();
        if (_inside == capacity && !ignoreCapacity)
        {
            w.Note("balk");
            Done();
            Mutex.Signal();
            return false;
        }
        _inside++;
        w.Note("enter");
        whileHeld?.Invoke();
        Mutex.Signal();
        return true;
    }

    public async Coroutine Leave()
    {
        await Mutex.Wait();
        _inside--;
        w.Note("leave");
        Done();
        Mutex.Signal();
    }

    /// <summary>The customer's side of the cut (5.2): get the haircut, then meet the barber at the end, and leave.</summary>
    public async Coroutine GetHaircut(int? id = null)
    {
        w.Note("get haircut", id);
        await w.Yield();
        _customerDone.Signal();
        await _barberDone.Wait();
        await Leave();
    }

    /// <summary>
    /// The barber's day (5.2): wait for a customer, go home if the shop is closing, else call the customer in
    /// (<paramref name="callIn"/>), cut, and meet the customer at the end.
    /// </summary>
    public async Coroutine Barber(Sem customer, Func<Coroutine> callIn)
    {
        while (true)
        {
            await customer.Wait();
            if (Closing) return;
            w.Note("cut hair");
            await callIn();
            await _customerDone.Wait();
            _barberDone.Signal();
        }
    }

    private void Done()
    {
        if (--_left > 0) return;
        Closing = true;
        wake.Signal(barbers);
    }

    /// <summary>The rules every shop keeps: capacity, a haircut for every cut, everyone served or balked.</summary>
    public static void Check(EventLog log, int capacity, int customers, string capacityRule, string cutRule, string progressRule, int barbers = 1)
    {
        log.AtMost(capacity, "enter", "leave", capacityRule);
        log.Occupancy(e => e.What switch { "cut hair" => (0, 1), "get haircut" => (0, -1), _ => null },
            (n, e) => EventLog.Require(Math.Abs(n[0]) <= barbers, cutRule, e, () => $"{e} leaves cuts and haircuts {n[0]} apart"));
        log.Happened("get haircut", log.Count("enter"), cutRule);
        EventLog.Require(log.Count("enter") + log.Count("balk") == customers, progressRule, () => "a customer neither got in nor balked");
    }
}
