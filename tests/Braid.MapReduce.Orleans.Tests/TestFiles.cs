using Braid.MapReduce.Generators;

namespace Braid.MapReduce.Orleans.Tests;

/// <summary>Generated inputs in a folder of their own, deleted with the fixture.</summary>
public sealed class TestFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("braid-orleans-tests-").FullName;

    /// <summary>Chunks small enough that every silo gets several of a few-megabyte input.</summary>
    public const int ChunkSize = 256 << 10;

    public string Words(string name, long size = 6 << 20, int seed = 7)
    {
        var path = Path.Combine(_dir, name);
        if (!File.Exists(path)) WordsGenerator.WriteFile(path, size, seed);
        return path;
    }

    public string Logs(string name, long size = 4 << 20, int seed = 8)
    {
        var path = Path.Combine(_dir, name);
        if (!File.Exists(path)) LogsGenerator.WriteFile(path, size, seed);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
