namespace Braid.MapReduce.Generators;

/// <summary>
/// Draws ranks 0..n-1 with Zipf probabilities (rank r has weight 1/(r+1)^s) in constant time per draw, by Walker's
/// alias method: one uniform column, one biased coin.
/// </summary>
public sealed class ZipfSampler
{
    private readonly double[] _probability;
    private readonly int[] _alias;

    /// <summary>Builds the tables for <paramref name="n"/> ranks with exponent <paramref name="s"/>.</summary>
    public ZipfSampler(int n, double s = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var weights = new double[n];
        var sum = 0.0;
        for (var r = 0; r < n; r++) sum += weights[r] = 1.0 / Math.Pow(r + 1, s);
        _probability = new double[n];
        _alias = new int[n];
        var scaled = weights.Select(w => w * n / sum).ToArray();
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = 0; i < n; i++) (scaled[i] < 1 ? small : large).Push(i);
        while (small.Count > 0 && large.Count > 0)
        {
            var l = small.Pop();
            var g = large.Pop();
            _probability[l] = scaled[l];
            _alias[l] = g;
            scaled[g] -= 1 - scaled[l];
            (scaled[g] < 1 ? small : large).Push(g);
        }
        foreach (var i in small.Concat(large)) _probability[i] = 1;
    }

    /// <summary>Draws one rank.</summary>
    public int Next(Random random)
    {
        var column = random.Next(_probability.Length);
        return random.NextDouble() < _probability[column] ? column : _alias[column];
    }
}
