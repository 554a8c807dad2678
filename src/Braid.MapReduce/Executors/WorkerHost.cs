using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Framing;
using Braid.MapReduce.Jobs;

namespace Braid.MapReduce.Executors;

/// <summary>
/// The body of a worker process (<c>braid worker</c>): reads a Hello frame naming the job, then maps each Chunk or
/// ChunkRef frame until its input ends. For a job without a combiner it answers each chunk with its Result frame. For a
/// job with one it folds every chunk into one running result and answers Held, sending the running result only when
/// asked (Flush): a worker then sends one result for many chunks, which spares encoding, piping and merging the same
/// keys chunk after chunk. A map that throws is answered with an Error frame, and the running result is thrown away
/// with it (it holds part of the failed chunk). The worker ignores Ctrl-C, which the terminal sends to the whole
/// process group: the coordinator decides when workers stop.
/// </summary>
public static class WorkerHost
{
    /// <summary>What every Chunk and ChunkRef frame starts with: chunk number, first line, file index.</summary>
    internal const int ChunkHead = 16;

    /// <summary>Serves one coordinator over the given streams; returns the process exit code.</summary>
    public static int Run(Stream input, Stream output) => Run(input, output, beforeMap: null);

    /// <summary>
    /// Serves one coordinator; <paramref name="beforeMap"/>, when given, is called with each chunk's number before the
    /// chunk is mapped (a hook for tests, to make a worker misbehave at a chosen chunk).
    /// </summary>
    public static int Run(Stream input, Stream output, Action<int>? beforeMap)
    {
        try
        {
            return Serve(input, output, beforeMap);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            // Run by hand, with text or nothing useful on its input: one line saying what this is, not a stack trace.
            Console.Error.WriteLine($"braid worker: {NotACoordinator} ({e.Message})");
            return 2;
        }
    }

    /// <summary>What the worker says when its input is not a coordinator's frames.</summary>
    private const string NotACoordinator =
        "standard input is not a map-reduce coordinator's frames; this is the map-reduce worker, which 'braid mapreduce' starts";

    /// <summary>The longest Hello frame accepted: a job's name, not a stranger's data read as a length.</summary>
    private const int MaxHello = 1024;

    private static int Serve(Stream input, Stream output, Action<int>? beforeMap)
    {
        using var ignoreInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        RunTrace.Log("worker running");
        if (!Frame.TryRead(input, MaxHello, out var type, out var buffer, out var length)) return 0;
        if (type != FrameType.Hello)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new InvalidDataException($"expected a Hello frame, got {type}");
        }
        var name = Encoding.UTF8.GetString(buffer, 0, length);
        ArrayPool<byte>.Shared.Return(buffer);
        if (!JobCatalog.TryCreate(name, out var job))
        {
            Console.Error.WriteLine($"braid worker: unknown job '{name}'");
            return 2;
        }

        var encoded = new ArrayBufferWriter<byte>(1 << 16);
        using var files = new ChunkFiles();
        var held = new HeldResult(job);
        Span<byte> reply = stackalloc byte[8];
        while (Frame.TryRead(input, out type, out buffer, out length))
        {
            try
            {
                encoded.ResetWrittenCount();
                if (type == FrameType.Flush)
                {
                    held.Encode(encoded);
                    Frame.Write(output, FrameType.Result, encoded.WrittenSpan);
                    RunTrace.Log($"worker sent {encoded.WrittenCount} bytes of results");
                    continue;
                }
                if (type is not (FrameType.Chunk or FrameType.ChunkRef) || length < ChunkHead) throw new InvalidDataException($"expected a Chunk frame, got {type}");
                var index = BinaryPrimitives.ReadInt32LittleEndian(buffer);
                var firstLine = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(4));
                var fileIndex = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(12));
                string? error = null;
                try
                {
                    beforeMap?.Invoke(index);
                    var bytes = type == FrameType.Chunk ? buffer.AsSpan(ChunkHead, length - ChunkHead) : files.Read(buffer.AsSpan(0, length));
                    if (job.HasCombiner)
                    {
                        held.Map(index, fileIndex, firstLine, bytes);
                    }
                    else
                    {
                        var partial = ChunkMapper.Map(job, index, fileIndex, firstLine, bytes);
                        PartialCodec.Encode(partial, encoded);
                        partial.Release();
                    }
                }
                catch (Exception e)
                {
                    // A failed map (or an unreadable chunk) is reported, and the worker serves on, holding nothing.
                    error = $"{e.GetType().Name}: {e.Message}";
                    held.Discard();
                }
                RunTrace.Log($"worker mapped chunk {index}");
                // Writing is outside the try: a broken pipe to the coordinator ends the worker.
                if (error is not null)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(reply, index);
                    Frame.Write(output, FrameType.Error, reply[..4], Encoding.UTF8.GetBytes(error));
                }
                else if (job.HasCombiner)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(reply, index);
                    BinaryPrimitives.WriteInt32LittleEndian(reply[4..], held.Keys);
                    Frame.Write(output, FrameType.Held, reply);
                }
                else
                {
                    Frame.Write(output, FrameType.Result, encoded.WrittenSpan);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        RunTrace.Log("worker done");
        return 0;
    }

    /// <summary>The running result of the chunks a worker has mapped and not yet sent (a job with a combiner).</summary>
    private sealed class HeldResult(MapReduceJob job)
    {
        private readonly List<int> _chunks = new();
        private Emitter? _emitter;
        private long _invalidUtf8;

        private const int HeldKeys = 1 << 16;

        /// <summary>Distinct keys held.</summary>
        public int Keys => _emitter?.Count ?? 0;

        public void Map(int index, int fileIndex, long firstLine, ReadOnlySpan<byte> bytes)
        {
            // It holds the keys of every chunk it maps: sized for a typical vocabulary at once rather than grown from
            // small through several rehashes during the first chunk, which otherwise takes three times a later one.
            _emitter ??= new Emitter(job, HeldKeys);
            _invalidUtf8 += ChunkMapper.MapInto(job, _emitter, fileIndex, firstLine, bytes);
            _chunks.Add(index);
        }

        /// <summary>Encodes everything held as one partial and starts afresh.</summary>
        public void Encode(ArrayBufferWriter<byte> output)
        {
            if (!job.HasCombiner) throw new InvalidDataException($"Flush for job '{job.Name}', which has no combiner and holds nothing");
            var partial = (_emitter ?? new Emitter(job)).ToPartial([.. _chunks], _invalidUtf8);
            PartialCodec.Encode(partial, output);
            partial.Release();
            _emitter = null;
            _chunks.Clear();
            _invalidUtf8 = 0;
        }

        public void Discard()
        {
            _emitter?.Discard();
            _emitter = null;
            _chunks.Clear();
            _invalidUtf8 = 0;
        }
    }
}
