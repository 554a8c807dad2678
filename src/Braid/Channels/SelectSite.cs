namespace Braid;

/// <summary>
/// Where a parked select waits: one waiter per channel case, all under this one site. The first case a channel
/// serves fires the select and withdraws the others at once, so exactly one case fires; cancellation withdraws all.
/// </summary>
internal sealed class SelectSite(Strand strand, SelectCase[] cases) : IWaitSite
{
    /// <summary>The case that fired, or -1.</summary>
    public int Fired { get; private set; } = -1;

    /// <summary>Called by a channel that served case <paramref name="index"/>: withdraw the rest and wake the strand.</summary>
    public void Fire(int index)
    {
        Fired = index;
        WithdrawAll();
        strand.Kernel.Wake(strand);
    }

    /// <inheritdoc />
    public bool Abort(Strand s)
    {
        WithdrawAll();
        return true;
    }

    /// <inheritdoc />
    public string Describe() => "select over " + string.Join(", ", cases.Where(c => c.IsChannelCase).Select(c => c.Describe()));

    private void WithdrawAll()
    {
        foreach (var c in cases) c.Withdraw();
    }
}
