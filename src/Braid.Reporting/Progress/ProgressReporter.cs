namespace Braid.Reporting;

/// <summary>Reporters that need no display.</summary>
public static class ProgressReporter
{
    /// <summary>Hears everything and shows nothing.</summary>
    public static IProgressReporter None { get; } = new Nothing();

    /// <summary>The fraction done after <paramref name="done"/> of <paramref name="total"/> equal steps, 0 to 1.</summary>
    public static double Fraction(int done, int total) => total <= 0 ? 1 : Math.Clamp(done / (double)total, 0, 1);

    private sealed class Nothing : IProgressReporter
    {
        public void Section(string title)
        {
        }

        public void Report(string step)
        {
        }

        public void Report(string step, double fraction)
        {
        }
    }
}
