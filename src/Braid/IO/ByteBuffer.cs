namespace Braid.IO;

/// <summary>
/// Bytes held by a stream between the socket and its user: received and not yet consumed, or written and not yet
/// sent. The array is allocated at first use, so a connection that only ever reads into its caller's memory (an echo
/// server's) holds none; once allocated it is kept, so a line protocol does not allocate per line.
/// </summary>
/// <remarks>Invariant: 0 &lt;= _start &lt;= _end &lt;= _array.Length; the live bytes are _array[_start.._end].</remarks>
internal struct ByteBuffer
{
    private const int MinimumCapacity = 4096;
    private byte[]? _array;
    private int _start;
    private int _end;

    public readonly int Count => _end - _start;

    public readonly ReadOnlySpan<byte> Span => _array.AsSpan(_start, _end - _start);

    /// <summary>Moves up to <paramref name="into"/>.Length bytes out; returns how many.</summary>
    public int Take(Span<byte> into)
    {
        var n = Math.Min(into.Length, Count);
        Span[..n].CopyTo(into);
        Consume(n);
        return n;
    }

    /// <summary>Drops the first <paramref name="n"/> bytes.</summary>
    public void Consume(int n)
    {
        _start += n;
        if (_start == _end) _start = _end = 0;
    }

    /// <summary>Copies <paramref name="data"/> onto the end.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        data.CopyTo(FreeSpace(data.Length));
        _end += data.Length;
    }

    /// <summary>Room at the end for at least <paramref name="atLeast"/> bytes (compacting or growing); commit with <see cref="Commit"/>.</summary>
    public Span<byte> FreeSpace(int atLeast)
    {
        if (_array is null)
        {
            _array = new byte[Math.Max(MinimumCapacity, atLeast)];
        }
        else if (_array.Length - _end < atLeast)
        {
            var count = Count;
            var target = count + atLeast <= _array.Length ? _array : new byte[Math.Max(_array.Length * 2, count + atLeast)];
            Array.Copy(_array, _start, target, 0, count);
            _array = target;
            _start = 0;
            _end = count;
        }
        return _array.AsSpan(_end);
    }

    /// <summary>Counts <paramref name="n"/> bytes written into <see cref="FreeSpace"/> as live.</summary>
    public void Commit(int n)
    {
        _end += n;
    }
}
