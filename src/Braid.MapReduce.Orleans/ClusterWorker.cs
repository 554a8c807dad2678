using System.Buffers;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Framing;
using Braid.MapReduce.Orleans.Grains;

namespace Braid.MapReduce.Orleans;

/// <summary>
/// A slot grain seen from the client, as the engine's <see cref="WorkerSlot"/> sees any worker: so the cluster gets the
/// very rules that make the processes executor exact (chunks kept until a result covering them arrives, held results
/// mapped again when their holder is lost, three attempts a chunk). A grain is lost when its silo is declared dead,
/// when it does not answer within the chunk timeout, or when it answers from a new activation (its silo was lost and
/// Orleans activated it again elsewhere, empty); the slot then starts a new grain, under a new key.
/// </summary>
internal sealed class ClusterWorker : IHeldWorker
{
    private readonly IMapSlotGrain _grain;
    private readonly SlotInfo _info;
    private readonly SiloAddress _silo;
    private readonly string _job;
    private readonly ClusterRun _run;
    private readonly CancellationTokenSource _killed = new();

    private ClusterWorker(IMapSlotGrain grain, SlotInfo info, SiloAddress silo, string job, ClusterRun run)
    {
        _grain = grain;
        _info = info;
        _silo = silo;
        _job = job;
        _run = run;
    }

    /// <summary>The silo's process id.</summary>
    public int Pid => _info.Pid;

    /// <summary>The silo the grain runs on.</summary>
    public SiloAddress Silo => _silo;

    /// <summary>
    /// Activates the grain of key <paramref name="key"/> on <paramref name="silo"/> and checks that it speaks this
    /// client's protocol (a silo of another version is a <see cref="ClusterException"/>: no retry can help).
    /// </summary>
    public static ClusterWorker Start(ClusterRun run, string key, SiloAddress silo, string job)
    {
        var grain = run.Client.GetGrain<IMapSlotGrain>(key);
        var info = Wait(grain.DescribeAsync(), silo, run, CancellationToken.None, "while starting");
        CheckProtocol(info);
        if (info.Silo != silo.ToString()) throw new WorkerFailedException($"slot meant for silo {silo} started on {info.Silo}", false);
        return new ClusterWorker(grain, info, silo, job, run);
    }

    /// <summary>Throws <see cref="ClusterException"/> for a silo of another protocol.</summary>
    public static void CheckProtocol(SlotInfo info)
    {
        if (info.Protocol != ClusterProtocol.Current)
        {
            throw new ClusterException($"silo {info.Silo} speaks Braid cluster protocol {info.Protocol} (braid {info.BraidVersion}), " +
                                       $"this client {ClusterProtocol.Current} (braid {ClusterProtocol.BraidVersion}): run the same braid on every machine");
        }
    }

    public Partial? Map(Chunk chunk, int attempt, bool byReference, IWorkerObserver? observer, out int heldKeys)
    {
        var work = new ChunkWork
        {
            Job = _job,
            Index = chunk.Index,
            FileIndex = chunk.FileIndex,
            FirstLine = chunk.FirstLine,
            File = chunk.File,
            Offset = chunk.Offset,
            Length = chunk.Length,
            FileLength = chunk.FileLength,
            Bytes = byReference ? null : chunk.Bytes.ToArray(),
        };
        observer?.Sending(Pid, chunk, attempt);
        var call = _grain.MapAsync(work);
        observer?.Sent(Pid, chunk, attempt);
        var reply = Answer(call, $"while mapping {chunk}");
        heldKeys = reply.HeldKeys;
        return reply.Result is { } result ? Result(result, [chunk]) : null;
    }

    public Partial Flush(IReadOnlyList<Chunk> held, IWorkerObserver? observer)
    {
        observer?.Flushing(Pid, held);
        var reply = Answer(_grain.FlushAsync(), "while sending its results");
        return Result(reply.Result ?? throw Lost("sent no result when asked for what it held"), held);
    }

    public long PeakRssBytes() => 0;

    public void Stop()
    {
        try
        {
            // Let it go at once rather than when Orleans collects idle grains; a silo lost meanwhile changes nothing.
            _grain.EndAsync().Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // Its silo is gone, and what it held with it.
        }
    }

    public void Kill()
    {
        _killed.Cancel();
        // The run is stopped: tell the grain to let go of what it holds now rather than when Orleans collects it
        // (minutes later). Not waited for: its silo may be the reason the run stopped.
        _ = _grain.EndAsync().ContinueWith(t => t.Exception, TaskScheduler.Default);
    }

    public void Dispose() => _killed.Dispose();

    private SlotReply Answer(Task<SlotReply> call, string when)
    {
        var reply = Wait(call, _silo, _run, _killed.Token, when);
        // A new activation holds none of what the old one held: the slot must map it all again.
        if (reply.Epoch != _info.Epoch) throw Lost($"answered from a new activation {when} (its silo was lost): what it held is gone");
        if (reply.Error is { } error) throw new WorkerFailedException($"slot on silo {_info.Silo} (pid {Pid}): {error}", true);
        return reply;
    }

    /// <summary>
    /// Waits for a grain call, looking every <see cref="SiloLiveness.Period"/> whether its silo is still in the
    /// cluster: a call to a silo declared dead, one that fails, or one not answered within the timeout loses the slot.
    /// </summary>
    private static T Wait<T>(Task<T> call, SiloAddress silo, ClusterRun run, CancellationToken killed, string when)
    {
        var (liveness, timeout, time) = (run.Liveness, run.ChunkTimeout, run.Time);
        var started = time.GetTimestamp();
        try
        {
            while (!call.Wait(SiloLiveness.Period, killed))
            {
                if (!liveness.IsAlive(silo)) throw new WorkerFailedException($"silo {silo} left the cluster {when}", false);
                if (timeout != Timeout.InfiniteTimeSpan && time.GetElapsedTime(started) >= timeout)
                {
                    throw new WorkerFailedException($"slot on silo {silo} did not answer within {timeout.TotalSeconds:0.###} s (the chunk timeout) {when}", false);
                }
            }
            return call.Result;
        }
        catch (OperationCanceledException)
        {
            throw new WorkerFailedException($"slot on silo {silo} was stopped {when}", false);
        }
        catch (AggregateException e) when (e.InnerException is not ClusterException)
        {
            throw new WorkerFailedException($"slot on silo {silo} failed {when}: {Hosting.SiloHost.OneLine(e.InnerException ?? e)}", false);
        }
    }

    private Partial Result(byte[] encoded, IReadOnlyList<Chunk> expected)
    {
        // The merger reads results in place from a pooled buffer, which the partial gives back when merged.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, encoded.Length));
        encoded.CopyTo(buffer, 0);
        Partial partial;
        try
        {
            partial = PartialCodec.Wrap(buffer, encoded.Length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        // Invariant: a result covers exactly the chunks the slot was given since its last result.
        if (partial.Chunks.Count != expected.Count || !partial.Chunks.Order().SequenceEqual(expected.Select(c => c.Index).Order()))
        {
            partial.Release();
            throw Lost($"answered for chunks {string.Join(",", partial.Chunks)} instead of {string.Join(",", expected.Select(c => c.Index))}");
        }
        return partial;
    }

    private WorkerFailedException Lost(string what) => new($"slot on silo {_info.Silo} (pid {Pid}) {what}", false);
}
