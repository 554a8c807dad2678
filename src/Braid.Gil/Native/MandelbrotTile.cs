namespace Braid.Gil.Native;

/// <summary>
/// A rectangle of the complex plane sampled on a grid: pixel (row, col) is the point
/// <c>(X0 + Dx * col) + i (Y0 + Dy * row)</c>, and its value is the escape-time count, at most <see cref="MaxIter"/>.
/// </summary>
/// <param name="X0">Real part of the first column.</param>
/// <param name="Y0">Imaginary part of the first row.</param>
/// <param name="Dx">Step between columns.</param>
/// <param name="Dy">Step between rows.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="MaxIter">Iteration limit.</param>
public sealed record MandelbrotTile(double X0, double Y0, double Dx, double Dy, int Width, int Height, int MaxIter)
{
    /// <summary>The whole set, [-2.2, 0.8] x [-1.2, 1.2], at the given resolution.</summary>
    public static MandelbrotTile WholeSet(int width, int height, int maxIter)
    {
        if (width < 1 || height < 1 || maxIter < 1) throw new ArgumentOutOfRangeException(nameof(width), "width, height and maxIter must be positive");
        return new(-2.2, -1.2, 3.0 / width, 2.4 / height, width, height, maxIter);
    }

    /// <summary>Pixels in the tile.</summary>
    public int Pixels => Width * Height;

    /// <summary>A buffer for the tile's counts.</summary>
    public int[] NewBuffer() => new int[Pixels];
}
