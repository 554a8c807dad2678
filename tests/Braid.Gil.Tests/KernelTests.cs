using System.Security.Cryptography;
using Braid.Gil.Native;

namespace Braid.Gil.Tests;

public class KernelTests
{
    // Odd sizes: the width is not a multiple of any vector width, so the scalar tail runs too.
    private static readonly MandelbrotTile Tile = MandelbrotTile.WholeSet(67, 41, 250);

    private static int[] Compute(Func<MandelbrotTile, int[], long> run)
    {
        var counts = Tile.NewBuffer();
        var sum = run(Tile, counts);
        Assert.Equal(counts.Sum(c => (long)c), sum);
        return counts;
    }

    private static int[] Scalar() => Compute((t, c) => ManagedKernels.ScalarRows(t, 0, t.Height, c));

    [Theory]
    [InlineData(0.0, 0.0, 100)]  // the origin never escapes
    [InlineData(-2.0, 0.0, 100)] // -2 -> 2 -> 2 ... stays on the circle |z| = 2: never escapes
    [InlineData(2.0, 0.0, 2)]    // 0 -> 2 -> 6: |z|^2 > 4 on the third check
    [InlineData(0.5, 0.5, 5)]
    public void Escape_KnownPoints(double re, double im, int expected) =>
        Assert.Equal(expected, ManagedKernels.Escape(re, im, 100));

    [Fact]
    public void VectorKernel_ComputesTheSameCountsAsTheScalarOne()
    {
        var scalar = Scalar();
        Assert.Contains(scalar, c => c == Tile.MaxIter);
        Assert.Contains(scalar, c => c < 5);
        Assert.Equal(scalar, Compute((t, c) => ManagedKernels.VectorRows(t, 0, t.Height, c)));
    }

    [Fact]
    public void NativeKernel_IsBuilt_WhereverThereIsACCompiler()
    {
        var compiler = new[] { "/usr/bin/cc", "/usr/bin/gcc", "/usr/bin/clang", "/usr/local/bin/cc" }.Any(File.Exists);
        Assert.Equal(compiler && OperatingSystem.IsLinux(), NativeKernel.IsAvailable);
    }

    /// <summary>Skips the calling test, saying why, when the C kernel was not built (whether it should have been is
    /// <see cref="NativeKernel_IsBuilt_WhereverThereIsACCompiler"/>'s business).</summary>
    private static void RequireNativeKernel() =>
        Skip.IfNot(NativeKernel.IsAvailable, $"{NativeKernel.MissingMessage}: libbraidkernels.so is not beside the tests");

    [SkippableFact]
    public void CKernel_ComputesTheSameCountsAsCSharp_OnEveryWayOfRunningIt()
    {
        RequireNativeKernel();
        var expected = Scalar();
        Assert.Equal(expected, Compute((t, c) => NativeKernel.Rows(t, 0, t.Height, c)));
        foreach (var threads in new[] { 1, 3 })
        {
            foreach (var variant in NativeComparison.Variants)
            {
                Assert.Equal(expected, Compute((t, c) => variant.Run(t, threads, c)));
            }
        }
    }

    [SkippableFact]
    public void CKernel_SameDigestAsCSharp_OverALargerTile()
    {
        RequireNativeKernel();
        var tile = MandelbrotTile.WholeSet(320, 200, 500);
        var c = tile.NewBuffer();
        var managed = tile.NewBuffer();
        NativeKernel.PThreads(tile, 4, c);
        ManagedKernels.VectorRows(tile, 0, tile.Height, managed);
        Assert.Equal(Digest(managed), Digest(c));
    }

    private static string Digest(int[] counts) => Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(counts.AsSpan())));

    [SkippableFact]
    public void NativeKernel_WhenMissing_SaysSo()
    {
        Skip.If(NativeKernel.IsAvailable, "the native kernel was built, so it is not missing");
        var error = Assert.Throws<NativeKernelMissingException>(() => NativeKernel.Rows(Tile, 0, 1, Tile.NewBuffer()));
        Assert.Equal(NativeKernel.MissingMessage, error.Message);
    }

    [SkippableFact]
    public void NativeKernel_RefusesABufferSmallerThanTheTile()
    {
        RequireNativeKernel();
        Assert.Throws<ArgumentException>(() => NativeKernel.Rows(Tile, 0, 1, new int[Tile.Pixels - 1]));
        Assert.Throws<ArgumentException>(() => NativeKernel.PThreads(Tile, 2, new int[10]));
    }

    [Fact]
    public void Comparison_RunsEveryVariant_AndTheyAgree()
    {
        var points = NativeComparison.Run(MandelbrotTile.WholeSet(40, 30, 100), 2);
        var expected = NativeComparison.Variants.Count(v => !v.NeedsNative || NativeKernel.IsAvailable) * 2;
        Assert.Equal(expected, points.Count);
        Assert.Single(points.Select(p => p.Sum).Distinct());
    }
}
