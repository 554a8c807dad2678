namespace Braid.Problems.NotSoClassical;

/// <summary>6.3 Baboon crossing: baboons cross a canyon on a rope, never both ways at once, at most five on the rope.</summary>
internal sealed class BaboonCrossing() : Problem("baboon-crossing", "6.3", Parts.NotSoClassical,
    ["never baboons going both ways on the rope", "at most 5 baboons on the rope"],
    [("one-switch", "both directions share one lightswitch")])
{
    private const int Capacity = 5;

    internal override void Start(World w)
    {
        var rope = new SharedRoom(w, Capacity, oneSwitch: w.Is("one-switch"));
        w.Spawn(6, "eastward", _ => rope.Use(0));
        w.Spawn(3, "westward", _ => rope.Use(1));
    }

    internal override void Check(EventLog log) => SharedRoom.Check(log, Capacity, Rules[0], Rules[1]);
}
