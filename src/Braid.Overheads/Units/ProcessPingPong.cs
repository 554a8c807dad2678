using System.Diagnostics;

namespace Braid.Overheads.Units;

/// <summary>Ping-pong with a child that echoes its input: one byte down a pipe, one byte back up another.</summary>
internal static class ProcessPingPong
{
    public static TimeSpan Run(Process child, int rounds, Action<int>? echoed = null)
    {
        var down = child.StandardInput.BaseStream;
        var up = child.StandardOutput.BaseStream;
        var one = new byte[1];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            one[0] = (byte)i;
            down.Write(one);
            down.Flush();
            if (up.Read(one) != 1 || one[0] != (byte)i) throw new InvalidOperationException("the echo child did not answer");
            echoed?.Invoke(one[0]);
        }
        return clock.Elapsed;
    }
}
