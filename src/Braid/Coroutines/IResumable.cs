namespace Braid;

/// <summary>Something the kernel can resume: a suspended coroutine frame. Lets the kernel resume a frame without a delegate.</summary>
internal interface IResumable
{
    /// <summary>Runs the frame until its next suspension or its end.</summary>
    void Resume();
}

/// <summary>Adapts an ordinary continuation delegate (from a builder that is not Braid's) to <see cref="IResumable"/>.</summary>
internal sealed class ActionResumable(Action action) : IResumable
{
    public void Resume() => action();
}
