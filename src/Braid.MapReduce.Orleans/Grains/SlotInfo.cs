namespace Braid.MapReduce.Orleans.Grains;

/// <summary>Who a slot grain is: its silo, process, cores, activation and protocol.</summary>
[GenerateSerializer, Immutable]
public sealed class SlotInfo
{
    /// <summary>Braid's cluster protocol on that silo (<see cref="ClusterProtocol.Current"/>).</summary>
    [Id(0)] public int Protocol { get; init; }

    /// <summary>The Braid build of that silo, for messages.</summary>
    [Id(1)] public required string BraidVersion { get; init; }

    /// <summary>The silo's address, as Orleans writes it.</summary>
    [Id(2)] public required string Silo { get; init; }

    /// <summary>The silo's process id.</summary>
    [Id(3)] public int Pid { get; init; }

    /// <summary>The silo machine's cores: how many slots it runs by default.</summary>
    [Id(4)] public int Cores { get; init; }

    /// <summary>The activation (see <see cref="SlotReply.Epoch"/>).</summary>
    [Id(5)] public Guid Epoch { get; init; }
}
