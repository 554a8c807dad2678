using System.IO.Hashing;
using Braid.Overheads.Child;
using Braid.Overheads.Transports;

namespace Braid.Overheads.Tests;

public class TransportTests
{
    public static TheoryData<string> Transports() => new(Transport.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Transports))]
    public void SmallMessages_ArriveIntact(string name)
    {
        var result = Transport.ByName(name)!.Transfer(TestChild.Launcher, 64, 64 * 3_001);
        Assert.Equal(3_001, result.Messages);
        Assert.Equal(64 * 3_001, result.BytesReceived);
        Assert.True(result.Intact, $"{name}: hash {result.ReceivedHash:x16}, expected {result.SentHash:x16}");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void LargeBlocks_ArriveIntact_AcrossManyTimesTheRingAndPipeBuffers(string name)
    {
        // 5 MiB: five times the shared ring's capacity and many times a pipe's buffer, with an odd tail rounded down.
        var result = Transport.ByName(name)!.Transfer(TestChild.Launcher, 64 * 1024, (5L << 20) + 100);
        Assert.Equal(5L << 20, result.BytesSent);
        Assert.Equal(result.BytesSent, result.BytesReceived);
        Assert.True(result.Intact);
    }

    [Fact]
    public void Payload_RejectsMessageSizesThatDoNotDivideThePattern()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Payload.RequireMessageSize(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Payload.RequireMessageSize(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Transport.ByName("channel")!.Transfer(TestChild.Launcher, 3, 30));
        Payload.RequireMessageSize(1);
        Payload.RequireMessageSize(Payload.PatternLength);
    }

    [Fact]
    public void Payload_HashOfTheStream_MatchesTheMessagesConcatenated()
    {
        var hash = new XxHash3();
        for (var i = 0; i < 40_000; i++) hash.Append(Payload.Message(i, 64));
        Assert.Equal(hash.GetCurrentHashAsUInt64(), Payload.Hash(40_000 * 64));
        Assert.NotEqual(Payload.Hash(64), Payload.Hash(65));
    }

    [Theory]
    [InlineData(64, 7)]
    [InlineData(64, 64)]
    [InlineData(256, 1_000)]
    public void SharedRing_WrapsAroundWithoutLosingOrReorderingBytes(int capacity, int chunk)
    {
        var path = Path.Combine(Path.GetTempPath(), $"braid-ring-test-{Guid.NewGuid():N}");
        try
        {
            var data = new byte[100_003];
            new Random(7).NextBytes(data);
            using var writerRing = SharedRing.Create(path, capacity);
            using var readerStream = new SharedRingStream(SharedRing.Open(path), writer: false);
            var writer = new Thread(() =>
            {
                using var w = new SharedRingStream(writerRing, writer: true);
                for (var at = 0; at < data.Length; at += chunk) w.Write(data.AsSpan(at, Math.Min(chunk, data.Length - at)));
            });
            writer.Start();
            var received = new MemoryStream();
            readerStream.CopyTo(received, 13);
            writer.Join();
            Assert.Equal(data, received.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SharedRing_RefusesACapacityThatIsNotAPowerOfTwo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"braid-ring-test-{Guid.NewGuid():N}");
        Assert.Throws<ArgumentOutOfRangeException>(() => SharedRing.Create(path, 100));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Child_Echo_CopiesItsInputToItsOutput()
    {
        var output = new MemoryStream();
        Assert.Equal(0, ChildProgram.Run(["echo"], new MemoryStream([1, 2, 3]), output, TextWriter.Null));
        Assert.Equal([1, 2, 3], output.ToArray());
    }

    [Fact]
    public void Child_SinkOverItsInput_ReportsTheByteCountAndHash()
    {
        var data = new byte[10_000];
        new Random(1).NextBytes(data);
        var output = new MemoryStream();
        Assert.Equal(0, ChildProgram.Run(["sink", "pipe", "-"], new MemoryStream(data), output, TextWriter.Null));
        var lines = System.Text.Encoding.ASCII.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["ready", $"done 10000 {XxHash3.HashToUInt64(data):x16}"], lines);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fly")]
    [InlineData("sink", "carrier-pigeon", "x")]
    [InlineData("sink", "channel", "x")]
    public void Child_BadArguments_ExitWith2AndSaySo(params string[] args)
    {
        var error = new StringWriter();
        Assert.Equal(2, ChildProgram.Run(args.Where(a => a != "").ToList(), Stream.Null, Stream.Null, error));
        Assert.StartsWith("braid child:", error.ToString());
    }

    [Fact]
    public void TheChildProgram_IsBesideTheTests() => Assert.True(File.Exists(TestChild.Assembly));
}
