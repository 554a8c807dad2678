using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Braid.MapReduce.Engine;
using Braid.MapReduce.Framing;

namespace Braid.MapReduce.Executors;

/// <summary>
/// One worker process seen from the coordinator: started with the job's name, then fed one chunk at a time over its
/// stdin and answered over its stdout. Any pipe failure means the worker died; the message says how (exit code or
/// signal) and what it last wrote on stderr.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Stream _toWorker;
    private readonly Stream _fromWorker;
    private readonly ConcurrentQueue<string> _stderrTail = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        Pid = process.Id;
        _toWorker = process.StandardInput.BaseStream;
        _fromWorker = process.StandardOutput.BaseStream;
        PipeBuffer.TryEnlarge(_toWorker);
        PipeBuffer.TryEnlarge(_fromWorker);
        process.ErrorDataReceived += (sender, e) =>
        {
            if (string.IsNullOrWhiteSpace(e.Data)) return;
            _stderrTail.Enqueue(e.Data);
            while (_stderrTail.Count > 3) _stderrTail.TryDequeue(out _);
        };
        process.BeginErrorReadLine();
    }

    /// <summary>The worker's process id.</summary>
    public int Pid { get; }

    /// <summary>Starts a worker for the named job.</summary>
    public static WorkerProcess Start(WorkerLaunch launch, string jobName)
    {
        var info = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in launch.Arguments) info.ArgumentList.Add(argument);
        // A worker maps one chunk at a time on one thread: a workstation, non-concurrent GC costs it least.
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_gcConcurrent"] = "0";
        // Its little code is hot at once: compiling it fully optimised up front costs less than tiering up in the
        // background (measured: about a tenth less CPU per worker).
        info.Environment["DOTNET_TieredCompilation"] = "0";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new WorkerFailedException($"could not start {launch.FileName}", false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new WorkerFailedException($"could not start worker {launch.FileName}: {e.Message}", false);
        }
        var worker = new WorkerProcess(process);
        try
        {
            Frame.Write(worker._toWorker, FrameType.Hello, Encoding.UTF8.GetBytes(jobName));
        }
        catch (IOException)
        {
            var failure = worker.Died("before it was given the job");
            worker.Dispose();
            throw failure;
        }
        return worker;
    }

    /// <summary>
    /// Sends a chunk and waits for its result. By reference (<paramref name="byReference"/>) only the chunk's place in
    /// its file crosses the pipe and the worker reads the bytes itself, which spares copying every byte through the
    /// pipe twice; otherwise the bytes are sent.
    /// </summary>
    public Partial Map(Chunk chunk, int attempt, bool byReference, IWorkerObserver? observer)
    {
        Span<byte> head = stackalloc byte[24];
        BinaryPrimitives.WriteInt32LittleEndian(head, chunk.Index);
        BinaryPrimitives.WriteInt64LittleEndian(head[4..], chunk.FirstLine);
        BinaryPrimitives.WriteInt64LittleEndian(head[12..], chunk.Offset);
        BinaryPrimitives.WriteInt32LittleEndian(head[20..], chunk.Length);
        observer?.Sending(Pid, chunk, attempt);
        byte[] buffer;
        FrameType type;
        int length;
        try
        {
            if (byReference) Frame.Write(_toWorker, FrameType.ChunkRef, head, Encoding.UTF8.GetBytes(chunk.File));
            else Frame.Write(_toWorker, FrameType.Chunk, head[..12], chunk.Bytes);
            observer?.Sent(Pid, chunk, attempt);
            if (!Frame.TryRead(_fromWorker, out type, out buffer, out length)) throw Died("before answering");
        }
        catch (IOException e)
        {
            throw Died($"while mapping ({e.Message})");
        }
        catch (InvalidDataException e)
        {
            // A garbled stream means a broken worker: it is replaced like a dead one.
            Kill();
            throw Died($"after sending a bad frame ({e.Message})");
        }
        if (type == FrameType.Result)
        {
            // The partial owns the buffer from here; the merger reads the entries in place and then returns it.
            var partial = PartialCodec.Wrap(buffer, length);
            if (partial.ChunkIndex != chunk.Index) throw new InvalidDataException($"worker answered chunk {partial.ChunkIndex} for chunk {chunk.Index}");
            return partial;
        }
        try
        {
            if (type == FrameType.Error && length >= 4) throw new WorkerFailedException($"worker {Pid}: {Encoding.UTF8.GetString(buffer, 4, length - 4)}", true);
            throw new InvalidDataException($"unexpected {type} frame from worker {Pid}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The worker's peak resident memory in bytes (VmHWM), or 0 where it cannot be read.</summary>
    public long PeakRssBytes() => PeakMemory.OfProcess(Pid);

    /// <summary>Stops the worker cleanly: closes its input, so it exits after its current chunk; kills it if it lingers.</summary>
    public void Stop()
    {
        try
        {
            _toWorker.Dispose();
        }
        catch (IOException)
        {
            // Already gone.
        }
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5))) Kill();
    }

    /// <summary>Kills the worker and waits for it to be gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    private WorkerFailedException Died(string when)
    {
        string how;
        if (_process.WaitForExit(TimeSpan.FromSeconds(2)))
        {
            var code = _process.ExitCode;
            how = code > 128 ? $"was killed by signal {code - 128}" : $"exited with code {code}";
        }
        else
        {
            how = "closed its pipe";
            Kill();
        }
        var tail = _stderrTail.IsEmpty ? "" : $": {string.Join(" / ", _stderrTail)}";
        return new WorkerFailedException($"worker {Pid} {how} {when}{tail}", false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
