using System.Net;
using Braid.IO;

namespace Braid.Tests.IO;

/// <summary>Tests that open sockets run one class at a time: the descriptor count and the ulimit are shared by the process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IoCollection
{
    public const string Name = "io";
}

/// <summary>Helpers shared by the I/O tests: an echo server, a message pattern, a condition to wait for without sleeping.</summary>
internal static class IoTestKit
{
    public static readonly IPAddress Loopback = IPAddress.Loopback;

    /// <summary>The echo handler: read some, write it back, until the peer finishes.</summary>
    public static async Coroutine Echo(SocketStream stream)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var n = await stream.ReceiveSomeAsync(buffer);
            if (n == 0) return;
            await stream.SendAllAsync(buffer.AsMemory(0, n));
        }
    }

    /// <summary>A message unique to (connection, index), so a byte delivered to the wrong place is caught.</summary>
    public static void Fill(Span<byte> message, int connection, int index)
    {
        for (var i = 0; i < message.Length; i++) message[i] = (byte)(connection * 31 + index * 7 + i);
    }

    /// <summary>Yields until <paramref name="condition"/> holds: the loop keeps polling its sockets between yields.</summary>
    public static async Coroutine Until(Func<bool> condition)
    {
        while (!condition()) await Loop.Yield();
    }

    /// <summary>Awaits <paramref name="body"/> on the loop and returns the exception it threw, checking its type.</summary>
    public static async Coroutine<T> Throws<T>(Func<Coroutine> body)
        where T : Exception
    {
        try
        {
            await body();
        }
        catch (T e)
        {
            return e;
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name}, got {e.GetType().Name}: {e.Message}");
        }
        throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name}, nothing was thrown");
    }

    /// <summary>Open file descriptors of this process.</summary>
    public static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;
}
