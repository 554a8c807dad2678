using Braid.Overheads.Suite;
using Braid.Overheads.Units;
using Braid.Reporting.Bench;

namespace Braid.Overheads.Tests;

public class SuiteTests
{
    [Fact]
    public void PeerOutput_IsParsedIntoFigures()
    {
        var json = """
            {"peer": "python", "subjects": [{"subject": "python threading", "createJoinUs": [[10, 80.5], [100, 60.0]],
             "memoryBytes": 16384, "memoryMethod": "RSS delta", "switchUs": 5.5}], "notes": ["python 3.11"]}
            """;
        var results = new BenchResults("overheads");
        var data = new OverheadsData();
        PeerOverheads.Record("python", new PeerRun(true, json, ""), results, data);

        var series = Assert.Single(data.CreateJoin);
        Assert.Equal("python threading", series.Subject);
        Assert.Equal([(10, 80.5), (100, 60.0)], series.Points);
        Assert.Equal(16384, Assert.Single(data.Memory).Value);
        Assert.Equal(5.5, Assert.Single(data.Switch).Value);
        Assert.Equal(5.5, results.Find("switch (ping-pong)", "python threading"));
        Assert.Contains("python 3.11", results.Notes);
    }

    [Theory]
    [InlineData(false, "", "go could not start")]
    [InlineData(true, "not json", "")]
    [InlineData(true, "{\"subjects\": [{\"subject\": \"x\"}]}", "")]
    public void MissingOrBrokenPeer_IsANote_NeverAFailure(bool ran, string output, string error)
    {
        var results = new BenchResults("overheads");
        var data = new OverheadsData();
        PeerOverheads.Record("go", new PeerRun(ran, output, error), results, data);
        Assert.Single(results.Notes);
        Assert.StartsWith("go peer", results.Notes[0]);
        Assert.Empty(data.Switch);
    }

    [Fact]
    public void Plots_AreWrittenForEveryKindOfFigure()
    {
        var data = new OverheadsData();
        data.CreateJoin.Add(new("OS thread", [(10, 50.0), (100, 40.0), (1000, 45.0)]));
        data.CreateJoin.Add(new("Task (async)", [(10, 2.0), (100, 0.5), (1000, 0.3)]));
        data.Memory.Add(new("OS thread", 12_000, "RSS delta"));
        data.Memory.Add(new("Task (async)", 150, "allocated bytes"));
        data.Switch.Add(new("OS thread", 4.0, "events"));
        data.Switch.Add(new("Task (async)", 0.4, "awaits"));
        data.Transports.Add(new("pipe", 300_000, 900, true));
        data.Transports.Add(new("shared memory (MemoryMappedFile)", 10_000_000, 5_000, true));
        var dir = Path.Combine(Path.GetTempPath(), $"braid-plots-{Guid.NewGuid():N}");
        try
        {
            var plots = OverheadsPlots.Write(data, name => Path.Combine(dir, name + ".png"));
            Assert.Equal(5, plots.Count);
            Assert.All(plots, p => Assert.True(new FileInfo(p.Path).Length > 5_000));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void UnitTable_ListsPendingUnits()
    {
        var data = new OverheadsData();
        data.Pending.Add(("Braid coroutine", "pending: lands with the runtime"));
        var (_, rows) = OverheadsPlots.UnitTable(data);
        Assert.Contains(rows, r => r[0] == "Braid coroutine" && r[1] == "pending: lands with the runtime");
    }

    [Theory]
    [InlineData(false, false, null)]
    [InlineData(true, false, "1 of 10 units completed")]
    [InlineData(false, true, "came back as [0, 1, 2, 3, 4, 6, 7, 8, 9]")]
    public void MeasureUnit_RejectsAUnitThatLosesUnitsOrMessages(bool losesUnits, bool losesAMessage, string? error)
    {
        var unit = new FakeUnit(losesUnits, losesAMessage);
        var results = new BenchResults("overheads");
        var data = new OverheadsData();
        var measure = () => OverheadsSuite.MeasureUnit(unit, new OverheadsOptions(Quick: true, TestChild.Launcher, Peers: false), results, data);
        if (error is null)
        {
            measure();
            Assert.Equal("fake", Assert.Single(data.Switch).Subject);
        }
        else Assert.Contains(error, Assert.Throws<InvalidOperationException>(measure).Message);
    }

    /// <summary>A unit that does nothing in no time, and can lose all but one unit it creates or one ping-pong message.</summary>
    private sealed class FakeUnit(bool losesUnits, bool losesAMessage) : IConcurrencyUnit
    {
        public string Name => "fake";

        public int MaxUnits(bool quick) => 10;

        public CreateJoinResult CreateJoin(int n) => new(TimeSpan.FromTicks(n), losesUnits && n > 1 ? 1 : n);

        public MemoryFigure MemoryPerUnit(int n) => new(1, "allocated bytes");

        public TimeSpan PingPong(int rounds, Action<int>? echoed = null)
        {
            for (var i = 0; i < rounds; i++)
            {
                if (!(losesAMessage && i == 5)) echoed?.Invoke(i);
            }
            return TimeSpan.FromTicks(rounds);
        }
    }
}
