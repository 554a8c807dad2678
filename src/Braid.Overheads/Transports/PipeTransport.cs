using System.Diagnostics;

namespace Braid.Overheads.Transports;

/// <summary>An anonymous pipe: the child's standard input.</summary>
public sealed class PipeTransport : CrossProcessTransport
{
    /// <inheritdoc />
    public override string Name => "pipe";

    /// <inheritdoc />
    public override string Label => "pipe";

    /// <inheritdoc />
    protected override ParentEnd OpenParent() => new End();

    /// <inheritdoc />
    public override Stream ConnectChild(string address, Stream standardInput) => standardInput;

    private sealed class End : ParentEnd
    {
        public override string Address => "-";

        public override Stream Accept(Process child) => child.StandardInput.BaseStream;
    }
}
