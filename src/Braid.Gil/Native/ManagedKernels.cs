using System.Numerics;

namespace Braid.Gil.Native;

/// <summary>
/// The same Mandelbrot kernel in C#: scalar, and with <see cref="Vector{T}"/> (one lane per pixel). Both compute the
/// operations of the C kernel in the same order, so the counts agree bit for bit.
/// </summary>
public static class ManagedKernels
{
    /// <summary>The escape-time count of one point.</summary>
    public static int Escape(double cr, double ci, int maxIter)
    {
        double zr = 0, zi = 0;
        var i = 0;
        for (; i < maxIter; i++)
        {
            var zr2 = zr * zr;
            var zi2 = zi * zi;
            if (zr2 + zi2 > 4.0) break;
            zi = 2.0 * zr * zi + ci;
            zr = zr2 - zi2 + cr;
        }
        return i;
    }

    /// <summary>Computes rows [row0, row1) one pixel at a time; returns the sum of their counts.</summary>
    public static long ScalarRows(MandelbrotTile tile, int row0, int row1, int[] counts)
    {
        long sum = 0;
        for (var row = Math.Max(row0, 0); row < Math.Min(row1, tile.Height); row++)
        {
            var ci = tile.Y0 + tile.Dy * row;
            for (var col = 0; col < tile.Width; col++)
            {
                var n = Escape(tile.X0 + tile.Dx * col, ci, tile.MaxIter);
                counts[row * tile.Width + col] = n;
                sum += n;
            }
        }
        return sum;
    }

    /// <summary>Computes rows [row0, row1) with one vector lane per pixel; returns the sum of their counts.</summary>
    public static long VectorRows(MandelbrotTile tile, int row0, int row1, int[] counts)
    {
        var lanes = Vector<double>.Count;
        Span<double> real = stackalloc double[lanes];
        var four = new Vector<double>(4.0);
        var two = new Vector<double>(2.0);
        long sum = 0;
        for (var row = Math.Max(row0, 0); row < Math.Min(row1, tile.Height); row++)
        {
            var ciScalar = tile.Y0 + tile.Dy * row;
            var ci = new Vector<double>(ciScalar);
            var col = 0;
            for (; col + lanes <= tile.Width; col += lanes)
            {
                for (var l = 0; l < lanes; l++) real[l] = tile.X0 + tile.Dx * (col + l);
                var cr = new Vector<double>(real);
                var zr = Vector<double>.Zero;
                var zi = Vector<double>.Zero;
                var n = Vector<long>.Zero;
                var active = Vector<long>.AllBitsSet;
                for (var i = 0; i < tile.MaxIter; i++)
                {
                    var zr2 = zr * zr;
                    var zi2 = zi * zi;
                    // Sticky mask: a lane that escaped stays out, whatever its (diverging) values do later.
                    active &= Vector.LessThanOrEqual(zr2 + zi2, four);
                    if (active == Vector<long>.Zero) break;
                    n -= active; // active lanes are -1: this adds one to each
                    zi = two * zr * zi + ci;
                    zr = zr2 - zi2 + cr;
                }
                for (var l = 0; l < lanes; l++)
                {
                    counts[row * tile.Width + col + l] = (int)n[l];
                    sum += n[l];
                }
            }
            for (; col < tile.Width; col++)
            {
                var count = Escape(tile.X0 + tile.Dx * col, ciScalar, tile.MaxIter);
                counts[row * tile.Width + col] = count;
                sum += count;
            }
        }
        return sum;
    }
}
