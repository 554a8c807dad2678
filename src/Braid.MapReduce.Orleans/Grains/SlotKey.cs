using System.Diagnostics.CodeAnalysis;

namespace Braid.MapReduce.Orleans.Grains;

/// <summary>
/// The key of a slot grain: <c>run|slot.generation|silo</c>. The run keeps jobs apart; the generation is new for each
/// replacement, so that a slot given up on (lost, hung) is never called again; the silo is where the client wants it
/// (<see cref="SlotPlacementDirector"/> puts it there while that silo is alive).
/// </summary>
public static class SlotKey
{
    /// <summary>Makes a key.</summary>
    public static string Format(string run, int slot, int generation, SiloAddress silo) =>
        $"{run}|{slot}.{generation}|{silo.ToParsableString()}";

    /// <summary>The silo a key asks for; false for a key that is not a slot key.</summary>
    public static bool TryParseSilo(string key, [NotNullWhen(true)] out SiloAddress? silo)
    {
        silo = null;
        var at = key.LastIndexOf('|');
        if (at < 0) return false;
        try
        {
            silo = SiloAddress.FromParsableString(key[(at + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
