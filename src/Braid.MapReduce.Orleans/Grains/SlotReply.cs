namespace Braid.MapReduce.Orleans.Grains;

/// <summary>
/// A slot grain's answer to a chunk or a flush: which activation answered (a new one after its silo was lost holds
/// none of the chunks the old one held), and either a result, a count of held keys, or the error the map threw.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class SlotReply
{
    /// <summary>The activation that answered: it changes when the grain is activated again, on this silo or another.</summary>
    [Id(0)] public Guid Epoch { get; init; }

    /// <summary>An encoded result (<see cref="Framing.PartialCodec"/>), or null when the result is held.</summary>
    [Id(1)] public byte[]? Result { get; init; }

    /// <summary>Distinct keys held, when the result is held.</summary>
    [Id(2)] public int HeldKeys { get; init; }

    /// <summary>What the map threw, or null; the grain then holds nothing (it held part of the failed chunk).</summary>
    [Id(3)] public string? Error { get; init; }
}
