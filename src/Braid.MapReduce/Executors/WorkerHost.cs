using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Framing;
using Braid.MapReduce.Jobs;

namespace Braid.MapReduce.Executors;

/// <summary>
/// The body of a worker process (<c>braid worker</c>): reads a Hello frame naming the job, then maps each Chunk frame
/// and answers with a Result frame (or an Error frame if the map threw), until its input ends. The worker ignores
/// Ctrl-C, which the terminal sends to the whole process group: the coordinator decides when workers stop.
/// </summary>
public static class WorkerHost
{
    /// <summary>Serves one coordinator over the given streams; returns the process exit code.</summary>
    public static int Run(Stream input, Stream output)
    {
        using var ignoreInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        if (!Frame.TryRead(input, out var type, out var buffer, out var length)) return 0;
        if (type != FrameType.Hello)
        {
            Console.Error.WriteLine($"braid worker: expected a Hello frame, got {type}");
            return 2;
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
        while (Frame.TryRead(input, out type, out buffer, out length))
        {
            try
            {
                if (type is not (FrameType.Chunk or FrameType.ChunkRef) || length < 12) throw new InvalidDataException($"expected a Chunk frame, got {type}");
                var index = BinaryPrimitives.ReadInt32LittleEndian(buffer);
                var firstLine = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(4));
                encoded.ResetWrittenCount();
                string? error = null;
                try
                {
                    var bytes = type == FrameType.Chunk ? buffer.AsSpan(12, length - 12) : files.Read(buffer.AsSpan(0, length));
                    var partial = ChunkMapper.Map(job, index, firstLine, bytes);
                    PartialCodec.Encode(partial, encoded);
                    partial.Release();
                }
                catch (Exception e)
                {
                    // A failed map (or an unreadable chunk) is reported, and the worker serves on.
                    error = $"{e.GetType().Name}: {e.Message}";
                }
                // Writing is outside the try: a broken pipe to the coordinator ends the worker.
                if (error is null)
                {
                    Frame.Write(output, FrameType.Result, encoded.WrittenSpan);
                }
                else
                {
                    var head = new byte[4];
                    BinaryPrimitives.WriteInt32LittleEndian(head, index);
                    Frame.Write(output, FrameType.Error, head, Encoding.UTF8.GetBytes(error));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        return 0;
    }
}
