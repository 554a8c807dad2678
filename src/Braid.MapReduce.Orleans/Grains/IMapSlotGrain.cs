namespace Braid.MapReduce.Orleans.Grains;

/// <summary>
/// A map slot on a silo: the cluster's counterpart of a worker process. It maps the chunks it is sent one at a time
/// and, for a job with a combiner, folds them into one held result that it sends when asked, exactly as a worker
/// process does. Its key names the run, the slot and the silo it is meant for (<see cref="SlotKey"/>).
/// </summary>
public interface IMapSlotGrain : IGrainWithStringKey
{
    /// <summary>Says who it is; the client checks the protocol before sending any chunk.</summary>
    Task<SlotInfo> DescribeAsync();

    /// <summary>Maps one chunk.</summary>
    Task<SlotReply> MapAsync(ChunkWork work);

    /// <summary>Sends the result of every chunk it holds, and holds nothing after.</summary>
    Task<SlotReply> FlushAsync();

    /// <summary>The run is over: it drops what it holds and goes away.</summary>
    Task EndAsync();
}
