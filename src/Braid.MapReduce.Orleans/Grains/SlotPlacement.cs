using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Braid.MapReduce.Orleans.Grains;

/// <summary>
/// Places a slot grain on the silo its key names (<see cref="SlotKey"/>), so that the client spreads slots over the
/// silos itself, evenly, instead of leaving it to chance. Orleans' own strategies place by load or at random, and three
/// slots on three silos then often share one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class SlotPlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static SlotPlacement Instance { get; } = new();
}

/// <summary>Marks a grain class as placed by <see cref="SlotPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SlotPlacementAttribute() : PlacementAttribute(SlotPlacement.Instance);

/// <summary>
/// The silo a slot grain's key names when that silo can host it; otherwise (it left the cluster) any compatible silo,
/// at random: the client then learns where the slot went from its next answer.
/// </summary>
internal sealed class SlotPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (SlotKey.TryParseSilo(target.GrainIdentity.Key.ToString()!, out var wanted) && silos.Contains(wanted)) return Task.FromResult(wanted);
        return Task.FromResult(silos[Random.Shared.Next(silos.Length)]);
    }
}
