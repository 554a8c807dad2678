using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Braid.MapReduce.Engine;

/// <summary>
/// A hash table from UTF-8 byte keys to 64-bit values, built for counting: a lookup of a key already present costs a
/// hash of its bytes and, for a key of up to eight bytes, one memory access, since such a key lives in its slot;
/// longer keys keep their first eight bytes in the slot and the rest in a byte arena. Nothing is allocated per key.
/// Open addressing with linear probing over a power-of-two slot array kept at most 75% full. Not thread-safe.
/// </summary>
public sealed class Utf8KeyTable
{
    private const int InlineBytes = 8;

    private struct Slot
    {
        /// <summary>The key's first eight bytes, zero-padded.</summary>
        public ulong Prefix;

        /// <summary>The key's hash; meaningful only when <see cref="Length"/> is not 0.</summary>
        public uint Hash;

        /// <summary>The key's length + 1; 0 marks an empty slot (so the empty key can be stored).</summary>
        public int Length;

        /// <summary>The value.</summary>
        public long Value;

        /// <summary>Where bytes 8 onwards of a long key start in the arena.</summary>
        public int Offset;
    }

    private Slot[] _slots;
    private int[] _order;
    private byte[] _arena;
    private int _arenaUsed;
    private int _count;
    private int _limit;

    /// <summary>Creates an empty table sized for about <paramref name="capacity"/> keys.</summary>
    public Utf8KeyTable(int capacity = 1024)
    {
        var slots = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 4 / 3 + 1));
        _slots = new Slot[slots];
        _limit = slots / 4 * 3;
        _order = new int[_limit];
        _arena = new byte[256];
    }

    /// <summary>Recently used tables, kept warm: a fresh table pays for growing, zeroed memory and garbage collection.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentBag<Utf8KeyTable> Pool = new();
    private const int PoolLimit = 16;

    /// <summary>An empty table, reused from the pool when one is there (give it back with <see cref="Return"/>).</summary>
    public static Utf8KeyTable Rent(int capacity = 4096) => Pool.TryTake(out var table) ? table : new Utf8KeyTable(capacity);

    /// <summary>Empties the table and keeps it for a later <see cref="Rent"/>; it must not be used afterwards.</summary>
    public static void Return(Utf8KeyTable table)
    {
        table.Clear();
        if (Pool.Count < PoolLimit) Pool.Add(table);
    }

    /// <summary>Removes every key, keeping the memory.</summary>
    public void Clear()
    {
        if (_count > _slots.Length / 8)
        {
            Array.Clear(_slots);
        }
        else
        {
            for (var n = 0; n < _count; n++) _slots[_order[n]] = default;
        }
        _count = 0;
        _arenaUsed = 0;
    }

    /// <summary>The number of keys.</summary>
    public int Count => _count;

    /// <summary>The key of entry <paramref name="index"/> (0 to <see cref="Count"/> - 1, in insertion order).</summary>
    public ReadOnlySpan<byte> KeyAt(int index) => KeyOf(ref _slots[_order[index]], this);

    /// <summary>The length in bytes of the key of entry <paramref name="index"/>.</summary>
    public int KeyLengthAt(int index) => _slots[_order[index]].Length - 1;

    /// <summary>Copies the key of entry <paramref name="index"/> into <paramref name="into"/> (no allocation); returns its length.</summary>
    public int CopyKeyAt(int index, Span<byte> into)
    {
        ref var slot = ref _slots[_order[index]];
        var length = slot.Length - 1;
        var inline = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref slot.Prefix, 1));
        if (length <= InlineBytes)
        {
            inline[..length].CopyTo(into);
        }
        else
        {
            inline.CopyTo(into);
            _arena.AsSpan(slot.Offset, length - InlineBytes).CopyTo(into[InlineBytes..]);
        }
        return length;
    }

    /// <summary>The value of entry <paramref name="index"/>.</summary>
    public long ValueAt(int index) => _slots[_order[index]].Value;

    /// <summary>The value slot of a key, added with value 0 when absent (<paramref name="exists"/> says which).</summary>
    // Hot: compiled fully optimised at once, since a worker calls it only a few dozen times in its life.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public ref long GetOrAdd(ReadOnlySpan<byte> key, out bool exists)
    {
        var prefix = Prefix(key);
        var hash = Hash(prefix, key);
        var mask = _slots.Length - 1;
        var i = (int)hash & mask;
        var length = key.Length + 1;
        while (true)
        {
            ref var slot = ref _slots[i];
            if (slot.Length == 0) break;
            if (slot.Prefix == prefix && slot.Length == length && slot.Hash == hash
                && (key.Length <= InlineBytes || _arena.AsSpan(slot.Offset, key.Length - InlineBytes).SequenceEqual(key[InlineBytes..])))
            {
                exists = true;
                return ref slot.Value;
            }
            i = (i + 1) & mask;
        }

        exists = false;
        if (_count == _limit)
        {
            Grow();
            return ref GetOrAdd(key, out exists);
        }
        ref var added = ref _slots[i];
        added.Prefix = prefix;
        added.Hash = hash;
        added.Length = length;
        added.Value = 0;
        if (key.Length > InlineBytes)
        {
            var rest = key[InlineBytes..];
            if (_arena.Length - _arenaUsed < rest.Length) Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + rest.Length));
            rest.CopyTo(_arena.AsSpan(_arenaUsed));
            added.Offset = _arenaUsed;
            _arenaUsed += rest.Length;
        }
        _order[_count++] = i;
        return ref added.Value;
    }

    /// <summary>Copies every entry into a dictionary keyed by string.</summary>
    public Dictionary<string, long> ToDictionary()
    {
        var result = new Dictionary<string, long>(_count, StringComparer.Ordinal);
        for (var i = 0; i < _count; i++) result.Add(System.Text.Encoding.UTF8.GetString(KeyAt(i)), ValueAt(i));
        return result;
    }

    private static ReadOnlySpan<byte> KeyOf(ref Slot slot, Utf8KeyTable table)
    {
        var length = slot.Length - 1;
        if (length <= InlineBytes) return MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref slot.Prefix, 1))[..length];
        var key = new byte[length];
        MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref slot.Prefix, 1)).CopyTo(key);
        table._arena.AsSpan(slot.Offset, length - InlineBytes).CopyTo(key.AsSpan(InlineBytes));
        return key;
    }

    private void Grow()
    {
        // Invariant: count <= limit = 75% of the slots, so every probe sequence ends at an empty slot.
        var old = _slots;
        var oldOrder = _order;
        _slots = new Slot[old.Length * 2];
        _limit = _slots.Length / 4 * 3;
        _order = new int[_limit];
        var mask = _slots.Length - 1;
        for (var n = 0; n < _count; n++)
        {
            ref var slot = ref old[oldOrder[n]];
            var i = (int)slot.Hash & mask;
            while (_slots[i].Length != 0) i = (i + 1) & mask;
            _slots[i] = slot;
            _order[n] = i;
        }
    }

    /// <summary>The key's first eight bytes as a number, zero-padded, read without a loop or a copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Prefix(ReadOnlySpan<byte> key)
    {
        ref var b = ref MemoryMarshal.GetReference(key);
        var n = key.Length;
        if (n >= 8) return Unsafe.ReadUnaligned<ulong>(ref b);
        if (n >= 4)
        {
            // Two overlapping 4-byte reads cover bytes 0..n-1; the overlap holds the same bytes in both.
            ulong low = Unsafe.ReadUnaligned<uint>(ref b);
            ulong high = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, n - 4));
            return low | (high << ((n - 4) * 8));
        }
        ulong prefix = 0;
        for (var i = 0; i < n; i++) prefix |= (ulong)Unsafe.Add(ref b, i) << (i * 8);
        return prefix;
    }

    /// <summary>A fast, well-mixed hash of the key: its first eight bytes (already read), then eight at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ulong prefix, ReadOnlySpan<byte> key)
    {
        const ulong Multiplier = 0xFF51AFD7ED558CCDUL;
        var h = ((ulong)key.Length * 0x9E3779B97F4A7C15UL ^ prefix) * Multiplier;
        if (key.Length > InlineBytes)
        {
            key = key[InlineBytes..];
            while (key.Length >= 8)
            {
                h ^= h >> 29;
                h = (h ^ MemoryMarshal.Read<ulong>(key)) * Multiplier;
                key = key[8..];
            }
            if (!key.IsEmpty)
            {
                ulong tail = 0;
                key.CopyTo(MemoryMarshal.AsBytes(new Span<ulong>(ref tail)));
                h ^= h >> 29;
                h = (h ^ tail) * Multiplier;
            }
        }
        h ^= h >> 32;
        return (uint)h;
    }
}
