using System.Diagnostics;

namespace Braid.Overheads.Transports;

/// <summary>Shared memory: a <see cref="SharedRing"/> in a memory-mapped file under /dev/shm (the temporary folder elsewhere).</summary>
public sealed class SharedMemoryTransport : CrossProcessTransport
{
    /// <summary>Bytes in the ring.</summary>
    public const int Capacity = 1 << 20;

    /// <inheritdoc />
    public override string Name => "shm";

    /// <inheritdoc />
    public override string Label => "shared memory (MemoryMappedFile)";

    /// <inheritdoc />
    protected override ParentEnd OpenParent()
    {
        var folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var path = Path.Combine(folder, $"braid-{Environment.ProcessId}-{Guid.NewGuid():N}.ring");
        Braid.Reporting.Files.TempFiles.Track(path); // removed at an interrupt too
        return new End(path, SharedRing.Create(path, Capacity));
    }

    /// <inheritdoc />
    public override Stream ConnectChild(string address, Stream standardInput) => new SharedRingStream(SharedRing.Open(address), writer: false);

    private sealed class End(string path, SharedRing ring) : ParentEnd
    {
        public override string Address => path;

        public override Stream Accept(Process child) => new SharedRingStream(ring, writer: true);

        public override void Dispose()
        {
            ring.Dispose();
            Braid.Reporting.Files.TempFiles.Delete(path);
            base.Dispose();
        }
    }
}
