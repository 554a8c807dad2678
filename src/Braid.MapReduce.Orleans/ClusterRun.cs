namespace Braid.MapReduce.Orleans;

/// <summary>
/// What every slot of a job on a cluster shares: the client, its view of the live silos, how long a chunk may take
/// (<see cref="Timeout.InfiniteTimeSpan"/> for no limit), and the clock that measures it.
/// </summary>
internal sealed record ClusterRun(IClusterClient Client, SiloLiveness Liveness, TimeSpan ChunkTimeout, TimeProvider Time);
