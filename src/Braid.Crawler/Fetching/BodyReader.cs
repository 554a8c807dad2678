namespace Braid.Crawler.Fetching;

/// <summary>
/// Reads a response body up to a limit and no further: a body over the limit is cut off at it, and the connection is
/// dropped rather than drained, so a huge or endless page costs at most the limit in memory and in bytes read.
/// Bodies that are not kept (non-HTML) are counted through a small scratch buffer, never held.
/// </summary>
internal static class BodyReader
{
    public static async Task<(byte[]? Buffer, int Length, bool Truncated)> ReadAsync(Stream stream, long limit, bool keep, long? contentLength, CancellationToken ct)
    {
        var cap = (int)Math.Min(limit, int.MaxValue - 64);
        var buffer = new byte[keep ? (int)Math.Min(Math.Max(contentLength ?? 16 * 1024, 1024), cap) + 1 : 16 * 1024];
        var length = 0;
        long total = 0;
        while (true)
        {
            if (keep && length == buffer.Length) Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, cap + 1L));
            var offset = keep ? length : 0;
            var want = (int)Math.Min(buffer.Length - offset, cap + 1L - total);
            var read = await stream.ReadAsync(buffer.AsMemory(offset, want), ct).ConfigureAwait(false);
            if (read == 0) break;
            total += read;
            if (keep) length += read;
            // One byte past the limit tells "exactly the limit" from "over it" without reading more than that byte.
            if (total > cap) return (keep ? buffer : null, cap, true);
        }
        return (keep ? buffer : null, keep ? length : (int)Math.Min(total, int.MaxValue), false);
    }
}
