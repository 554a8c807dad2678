namespace Braid.Problems.NotSoClassical;

/// <summary>6.2 The no-starve unisex bathroom: never men and women at once, at most three, and a waiting sex holds the turnstile.</summary>
internal sealed class UnisexBathroom() : Problem("unisex-bathroom", "6.2", Parts.NotSoClassical,
    ["never men and women in the bathroom together", "at most 3 in the bathroom"],
    [("no-multiplex", "no limit of three")])
{
    private const int Capacity = 3;

    internal override void Start(World w)
    {
        var room = new SharedRoom(w, w.Is("no-multiplex") ? 100 : Capacity);
        w.Spawn(4, "woman", _ => room.Use(0));
        w.Spawn(2, "man", _ => room.Use(1));
    }

    internal override void Check(EventLog log) => SharedRoom.Check(log, Capacity, Rules[0], Rules[1]);
}
