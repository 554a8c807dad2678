using System.Buffers.Binary;

namespace Braid.Reporting.Tests;

/// <summary>Checks that a file is a PNG image: the signature, then an IHDR chunk with a sane width and height.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Below this a chart cannot hold axes, labels and data: something went wrong.</summary>
    public const int MinimumBytes = 5_000;

    public static (int Width, int Height) AssertValid(string path)
    {
        Assert.True(File.Exists(path), $"{path} does not exist");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length >= MinimumBytes, $"{Path.GetFileName(path)} is only {bytes.Length} bytes");
        Assert.Equal(Signature, bytes[..8]);
        // The first chunk: length (13 for IHDR), type "IHDR", then width and height, big-endian.
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        Assert.InRange(width, 200, 4000);
        Assert.InRange(height, 150, 4000);
        return (width, height);
    }
}
