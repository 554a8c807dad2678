using System.Runtime.InteropServices;

namespace Braid.Gil.Native;

/// <summary>The native kernel was not built (no C compiler when Braid was built), so it cannot run.</summary>
public sealed class NativeKernelMissingException() : Exception(NativeKernel.MissingMessage);

/// <summary>The C Mandelbrot kernel (<c>native/braid_kernels.c</c>, built into <c>libbraidkernels.so</c>), called through P/Invoke.</summary>
public static partial class NativeKernel
{
    /// <summary>The message shown wherever the kernel is needed and missing.</summary>
    public const string MissingMessage = "native kernel not built: no C compiler (install gcc)";

    private const string Library = "braidkernels";

    private static readonly Lazy<bool> Loaded = new(() =>
        NativeLibrary.TryLoad(Library, typeof(NativeKernel).Assembly, DllImportSearchPath.AssemblyDirectory, out _));

    /// <summary>True when <c>libbraidkernels.so</c> was built and loads.</summary>
    public static bool IsAvailable => Loaded.Value;

    /// <summary>Computes rows [row0, row1) of the tile into <paramref name="counts"/> (the whole tile's buffer); returns the sum of their counts.</summary>
    public static unsafe long Rows(MandelbrotTile tile, int row0, int row1, int[] counts)
    {
        Require(tile, counts);
        fixed (int* output = counts)
        {
            return braid_mandelbrot_rows(tile.X0, tile.Y0, tile.Dx, tile.Dy, tile.Width, tile.Height, row0, row1, tile.MaxIter, output);
        }
    }

    /// <summary>Computes the whole tile on <paramref name="threads"/> POSIX threads created by the C code; returns the sum of the counts.</summary>
    public static unsafe long PThreads(MandelbrotTile tile, int threads, int[] counts)
    {
        Require(tile, counts);
        long sum;
        fixed (int* output = counts)
        {
            sum = braid_mandelbrot_pthreads(tile.X0, tile.Y0, tile.Dx, tile.Dy, tile.Width, tile.Height, tile.MaxIter, threads, output);
        }
        if (sum < 0) throw new InvalidOperationException("the native kernel could not create its threads");
        return sum;
    }

    private static void Require(MandelbrotTile tile, int[] counts)
    {
        if (!IsAvailable) throw new NativeKernelMissingException();
        // The C code writes Width * Height counts: a smaller buffer would be overrun.
        if (counts.Length < tile.Pixels) throw new ArgumentException($"the buffer holds {counts.Length} counts, the tile needs {tile.Pixels}", nameof(counts));
    }

    [LibraryImport(Library)]
    private static unsafe partial long braid_mandelbrot_rows(double x0, double y0, double dx, double dy, int width, int height, int row0, int row1, int maxIter, int* output);

    [LibraryImport(Library)]
    private static unsafe partial long braid_mandelbrot_pthreads(double x0, double y0, double dx, double dy, int width, int height, int maxIter, int threads, int* output);

}
