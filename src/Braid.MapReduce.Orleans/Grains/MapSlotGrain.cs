using System.Buffers;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Executors;
using Braid.MapReduce.Framing;
using Braid.MapReduce.Jobs;

namespace Braid.MapReduce.Orleans.Grains;

/// <summary>
/// A slot grain (<see cref="IMapSlotGrain"/>): the body of a worker process, in a silo. It maps through the engine's
/// <see cref="ChunkMapper"/>, as every executor does, so it gives the same answer; what it holds lives only in this
/// activation, and the client knows the activation by its epoch, so holdings lost with a silo are never mistaken for
/// kept ones. Orleans runs one call at a time per activation, which is what a worker's one thread gave.
/// </summary>
[SlotPlacement]
[CollectionAgeLimit(Minutes = 10)]
internal sealed class MapSlotGrain(ILocalSiloDetails silo) : Grain, IMapSlotGrain, IDisposable
{
    private readonly Guid _epoch = Guid.NewGuid();
    private readonly ChunkFiles _files = new();
    private readonly ArrayBufferWriter<byte> _encoded = new(1 << 16);
    private readonly List<int> _chunks = new();
    private MapReduceJob? _job;
    private Emitter? _held;
    private long _invalidUtf8;

    /// <summary>Keys a slot expects to hold: sized for a typical vocabulary at once, as a worker process's table is.</summary>
    private const int HeldKeys = 1 << 16;

    public Task<SlotInfo> DescribeAsync() => Task.FromResult(new SlotInfo
    {
        Protocol = ClusterProtocol.Current,
        BraidVersion = ClusterProtocol.BraidVersion,
        Silo = silo.SiloAddress.ToString(),
        Pid = Environment.ProcessId,
        Cores = Environment.ProcessorCount,
        Epoch = _epoch,
    });

    public Task<SlotReply> MapAsync(ChunkWork work)
    {
        try
        {
            var job = Job(work.Job);
            ReadOnlySpan<byte> bytes = work.Bytes is { } sent
                ? sent
                : _files.Read(new Chunk(work.Index, work.File, work.FileIndex, work.FileLength, work.Offset, work.FirstLine, null, work.Length));
            if (!job.HasCombiner)
            {
                var partial = ChunkMapper.Map(job, work.Index, work.FileIndex, work.FirstLine, bytes);
                return Task.FromResult(new SlotReply { Epoch = _epoch, Result = Encode(partial) });
            }
            _held ??= new Emitter(job, HeldKeys);
            _invalidUtf8 += ChunkMapper.MapInto(job, _held, work.FileIndex, work.FirstLine, bytes);
            _chunks.Add(work.Index);
            return Task.FromResult(new SlotReply { Epoch = _epoch, HeldKeys = _held.Count });
        }
        catch (Exception e)
        {
            // A failed map (or an unreadable chunk) is reported, and the slot serves on, holding nothing: what it held
            // has part of the failed chunk in it.
            Discard();
            return Task.FromResult(new SlotReply { Epoch = _epoch, Error = $"{e.GetType().Name}: {e.Message}" });
        }
    }

    public Task<SlotReply> FlushAsync()
    {
        if (_job is not { HasCombiner: true } job) return Task.FromResult(new SlotReply { Epoch = _epoch, Error = "flush of a slot that holds nothing" });
        var partial = (_held ?? new Emitter(job)).ToPartial([.. _chunks], _invalidUtf8);
        _held = null;
        _chunks.Clear();
        _invalidUtf8 = 0;
        return Task.FromResult(new SlotReply { Epoch = _epoch, Result = Encode(partial) });
    }

    public Task EndAsync()
    {
        Discard();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Discard();
        _files.Dispose();
    }

    private MapReduceJob Job(string name)
    {
        if (_job is not null)
        {
            // A slot key belongs to one run, and a run to one job.
            return _job.Name == name ? _job : throw new InvalidOperationException($"slot runs job '{_job.Name}', not '{name}'");
        }
        if (!JobCatalog.TryCreate(name, out var job)) throw new InvalidOperationException($"unknown job '{name}'");
        return _job = job;
    }

    private byte[] Encode(Partial partial)
    {
        try
        {
            _encoded.ResetWrittenCount();
            PartialCodec.Encode(partial, _encoded);
            return _encoded.WrittenSpan.ToArray();
        }
        finally
        {
            partial.Release();
        }
    }

    private void Discard()
    {
        _held?.Discard();
        _held = null;
        _chunks.Clear();
        _invalidUtf8 = 0;
    }
}
