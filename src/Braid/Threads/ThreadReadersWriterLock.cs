namespace Braid;

/// <summary>
/// A readers-writer lock for OS threads with the API of <see cref="ReadersWriterLock"/>: a thin adapter over
/// <see cref="ReaderWriterLockSlim"/>, whose waiting writers also hold back new readers (so writers do not starve).
/// </summary>
public sealed class ThreadReadersWriterLock : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    /// <summary>How many threads read now.</summary>
    public int Readers => _lock.CurrentReadCount;

    /// <summary>Enters as a reader, blocking while a writer is inside or waiting.</summary>
    public void AcquireRead()
    {
        LoopThreadGuard.RefuseOnLoop("ThreadReadersWriterLock.AcquireRead", "ReadersWriterLock");
        _lock.EnterReadLock();
    }

    /// <summary>Leaves as a reader.</summary>
    public void ReleaseRead() => _lock.ExitReadLock();

    /// <summary>Enters as the only writer, blocking while anyone is inside.</summary>
    public void AcquireWrite()
    {
        LoopThreadGuard.RefuseOnLoop("ThreadReadersWriterLock.AcquireWrite", "ReadersWriterLock");
        _lock.EnterWriteLock();
    }

    /// <summary>Leaves as the writer.</summary>
    public void ReleaseWrite() => _lock.ExitWriteLock();

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();
}
