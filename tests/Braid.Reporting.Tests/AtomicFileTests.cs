using Braid.Reporting.Files;

namespace Braid.Reporting.Tests;

/// <summary>Alone: deleting every tracked temporary file would pull them from under other tests' writes.</summary>
[CollectionDefinition(nameof(AtomicFileTests), DisableParallelization = true)]
public sealed class AtomicFileCollection;

/// <summary>Files written whole or not at all, and temporary files removed on an interrupt.</summary>
[Collection(nameof(AtomicFileTests))]
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("braid-atomic-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AWriteThatFails_LeavesThePreviousFileAsItWas_AndNoTemporaryFile()
    {
        var path = Path.Combine(_dir, "result.txt");
        File.WriteAllText(path, "the previous result\n");
        // An injected writer that fails halfway, as a full disk would.
        var error = Assert.Throws<FileNotWrittenException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new IOException("No space left on device");
        }));
        Assert.Contains("No space left on device", error.Message);
        Assert.Contains(path, error.Message);
        Assert.Equal("the previous result\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
        Assert.DoesNotContain(TempFiles.Tracked, t => t.StartsWith(_dir, StringComparison.Ordinal));
    }

    [Fact]
    public void AWriteThatSucceeds_ReplacesTheFileWhole()
    {
        var path = Path.Combine(_dir, "sub", "result.json");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteText(path, writer => writer.Write("second, longer"));
        Assert.Equal("second, longer", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void TheJsonOfABenchmark_IsWrittenTheSameWay()
    {
        var path = Path.Combine(_dir, "bench.json");
        File.WriteAllText(path, "{}");
        var results = new Bench.BenchResults("test");
        results.Add("b", "s", 1, "x");
        results.WriteJson(path);
        Assert.Contains("\"suite\"", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void CheckWritable_SaysWhyNot_BeforeAnyWork()
    {
        Assert.Null(AtomicFile.CheckWritable(Path.Combine(_dir, "new.txt")));
        Assert.Contains("is a directory", AtomicFile.CheckWritable(_dir));
        Assert.Contains("no such directory", AtomicFile.CheckWritable(Path.Combine(_dir, "missing", "x.txt"), createFolder: false));
        var file = Path.Combine(_dir, "plain.txt");
        File.WriteAllText(file, "");
        Assert.Contains("is a file, not a directory", AtomicFile.CheckFolder(Path.Combine(file, "plots")));
        Assert.Null(AtomicFile.CheckFolder(Path.Combine(_dir, "plots", "deeper")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "plots"))); // checking creates nothing
        Assert.DoesNotContain(Directory.GetFiles(_dir), f => f != file);
    }

    [Fact]
    public void TempFiles_DeleteAll_RemovesWhatIsTracked()
    {
        var path = TempFiles.Create("braid-atomic-test", ".txt");
        File.WriteAllText(path, "generated input");
        Assert.Contains(path, TempFiles.Tracked);
        TempFiles.DeleteAll();
        Assert.False(File.Exists(path));
        Assert.DoesNotContain(path, TempFiles.Tracked);
    }
}
