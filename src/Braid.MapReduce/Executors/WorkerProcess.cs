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
internal sealed class WorkerProcess : IHeldWorker
{
    private readonly Process _process;
    private readonly Stream _toWorker;
    private readonly Stream _fromWorker;
    private readonly ConcurrentQueue<string> _stderrTail = new();
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private bool _timedOut;

    private WorkerProcess(Process process, TimeSpan timeout, TimeProvider time)
    {
        _process = process;
        _timeout = timeout;
        _time = time;
        Pid = process.Id;
        _toWorker = process.StandardInput.BaseStream;
        _fromWorker = process.StandardOutput.BaseStream;
        PipeBuffer.TryEnlarge(_toWorker);
        PipeBuffer.TryEnlarge(_fromWorker);
        process.ErrorDataReceived += (sender, e) =>
        {
            if (string.IsNullOrWhiteSpace(e.Data)) return;
            if (RunTrace.Enabled && e.Data.StartsWith("trace ", StringComparison.Ordinal))
            {
                Console.Error.WriteLine(e.Data);
                return;
            }
            _stderrTail.Enqueue(e.Data);
            while (_stderrTail.Count > 3) _stderrTail.TryDequeue(out _);
        };
        process.BeginErrorReadLine();
    }

    /// <summary>The worker's process id.</summary>
    public int Pid { get; }

    /// <summary>
    /// Starts a worker for the named job; a chunk it does not answer within <paramref name="timeout"/> (on
    /// <paramref name="time"/>'s clock; <see cref="Timeout.InfiniteTimeSpan"/> for none) gets it killed as hung.
    /// </summary>
    public static WorkerProcess Start(WorkerLaunch launch, string jobName, TimeSpan timeout, TimeProvider time)
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
        foreach (var (name, value) in launch.Environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new WorkerFailedException($"could not start {launch.FileName}", false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new WorkerFailedException($"could not start worker {launch.FileName}: {e.Message}", false);
        }
        RunTrace.Log($"process {process.Id} started");
        var worker = new WorkerProcess(process, timeout, time);
        RunTrace.Log($"started worker {worker.Pid}");
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
    /// Sends a chunk and waits for the answer: its result, or null when the worker holds the result with those of
    /// earlier chunks until <see cref="Flush"/> (<paramref name="heldKeys"/> then says how many keys it holds). By
    /// reference (<paramref name="byReference"/>) only the chunk's place in its file crosses the pipe and the worker
    /// reads the bytes itself, which spares copying every byte through the pipe twice; otherwise the bytes are sent.
    /// </summary>
    public Partial? Map(Chunk chunk, int attempt, bool byReference, IWorkerObserver? observer, out int heldKeys)
    {
        var head = new byte[ChunkFiles.HeadLength];
        BinaryPrimitives.WriteInt32LittleEndian(head, chunk.Index);
        BinaryPrimitives.WriteInt64LittleEndian(head.AsSpan(4), chunk.FirstLine);
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(12), chunk.FileIndex);
        BinaryPrimitives.WriteInt64LittleEndian(head.AsSpan(16), chunk.Offset);
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(24), chunk.Length);
        BinaryPrimitives.WriteInt64LittleEndian(head.AsSpan(28), chunk.FileLength);
        observer?.Sending(Pid, chunk, attempt);
        heldKeys = 0;
        var (type, buffer, length) = Exchange(() =>
        {
            if (byReference) Frame.Write(_toWorker, FrameType.ChunkRef, head, Encoding.UTF8.GetBytes(chunk.File));
            else Frame.Write(_toWorker, FrameType.Chunk, head.AsSpan(0, WorkerHost.ChunkHead), chunk.Bytes);
            observer?.Sent(Pid, chunk, attempt);
        }, "while mapping");
        if (type == FrameType.Held && length == 8 && BinaryPrimitives.ReadInt32LittleEndian(buffer) == chunk.Index)
        {
            heldKeys = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(4));
            ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }
        if (type == FrameType.Result) return Result(buffer, length, [chunk]);
        throw Unexpected(type, buffer, length);
    }

    /// <summary>Asks the worker for the result of every chunk it holds, which must be exactly <paramref name="held"/>.</summary>
    public Partial Flush(IReadOnlyList<Chunk> held, IWorkerObserver? observer)
    {
        observer?.Flushing(Pid, held);
        var (type, buffer, length) = Exchange(() => Frame.Write(_toWorker, FrameType.Flush, default), "while sending its results");
        if (type == FrameType.Result) return Result(buffer, length, held);
        throw Unexpected(type, buffer, length);
    }

    /// <summary>
    /// Sends a request and reads the answering frame, within the chunk timeout. A worker that dies, garbles its stream or
    /// does not answer in time is (killed and) reported as dead.
    /// </summary>
    private (FrameType Type, byte[] Buffer, int Length) Exchange(Action send, string when)
    {
        FrameType type;
        byte[] buffer;
        int length;
        // The deadline covers the sending too: a hung worker stops reading, and a large chunk then fills the pipe.
        using (var deadline = _timeout == Timeout.InfiniteTimeSpan ? null : _time.CreateTimer(_ => TimeOut(), null, _timeout, Timeout.InfiniteTimeSpan))
        {
            try
            {
                send();
                if (!Frame.TryRead(_fromWorker, out type, out buffer, out length)) throw Died($"before answering");
            }
            catch (IOException e)
            {
                throw Died($"{when} ({e.Message})");
            }
            catch (InvalidDataException e)
            {
                // A garbled stream means a broken worker: it is replaced like a dead one.
                Kill();
                throw Died($"after sending a bad frame ({e.Message})");
            }
        }
        if (Volatile.Read(ref _timedOut))
        {
            // It answered just as it was killed: the answer is good, but the worker is gone.
            ArrayPool<byte>.Shared.Return(buffer);
            throw Died(when);
        }
        return (type, buffer, length);
    }

    private void TimeOut()
    {
        Volatile.Write(ref _timedOut, true);
        Kill();
    }

    private Partial Result(byte[] buffer, int length, IReadOnlyList<Chunk> expected)
    {
        // The partial owns the buffer from here; the merger reads the entries in place and then returns it.
        Partial partial;
        try
        {
            partial = PartialCodec.Wrap(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        // Invariant: a result covers exactly the chunks the worker was given since its last result.
        if (partial.Chunks.Count != expected.Count || !partial.Chunks.Order().SequenceEqual(expected.Select(c => c.Index).Order()))
        {
            partial.Release();
            Kill();
            throw Died($"after answering for chunks {string.Join(",", partial.Chunks)} instead of {string.Join(",", expected.Select(c => c.Index))}");
        }
        return partial;
    }

    private Exception Unexpected(FrameType type, byte[] buffer, int length)
    {
        try
        {
            // The worker threw away what it held along with the failed chunk, but it serves on.
            if (type == FrameType.Error && length >= 4) return new WorkerFailedException($"worker {Pid}: {Encoding.UTF8.GetString(buffer, 4, length - 4)}", true);
            Kill();
            return Died($"after sending an unexpected {type} frame");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The worker's peak resident memory in bytes (VmHWM), or 0 where it cannot be read.</summary>
    public long PeakRssBytes() => PeakMemory.OfProcess(Pid);

    /// <summary>
    /// Ends a worker that has answered everything it was given: closes its input and kills it. Nothing is lost, since
    /// everything it had to say has been read; waiting for it to exit on its own would add the runtime's shutdown (tens
    /// of milliseconds, measured) to the end of every run.
    /// </summary>
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
        Kill();
    }

    /// <summary>Kills the worker and waits for it to be gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                // The worker starts no processes of its own: no need to search the process tree for its children.
                _process.Kill();
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
        if (Volatile.Read(ref _timedOut))
        {
            Kill();
            how = $"did not answer within {_timeout.TotalSeconds:0.###} s (the chunk timeout) and was killed";
        }
        else if (_process.WaitForExit(TimeSpan.FromSeconds(2)))
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
