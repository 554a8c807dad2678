using System.Text;

namespace Braid.MapReduce.Generators;

/// <summary>
/// Writes seeded ASCII prose: words drawn with Zipf frequencies from a made-up vocabulary (with some numbers and
/// mixed-case words), capitalised at sentence starts, with punctuation, in lines of 6 to 17 words. The same seed and
/// size give the same bytes, so benchmarks and tests need no downloads.
/// </summary>
public static class WordsGenerator
{
    /// <summary>Words in the vocabulary.</summary>
    public const int VocabularySize = 50_000;

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ba", "de", "fi", "go", "hu", "ja", "ke", "li", "mo", "nu",
        "pa", "qui", "re", "si", "tu", "ve", "wa", "xe", "yo", "za", "an", "el", "in", "or", "us", "th", "st", "ch",
    ];

    /// <summary>Writes at least <paramref name="size"/> bytes (ending with a whole line) to <paramref name="output"/>.</summary>
    public static long Write(Stream output, long size, int seed)
    {
        var random = new Random(seed);
        var vocabulary = Vocabulary(random);
        var capitalised = vocabulary.Select(w => Capitalise(w)).ToArray();
        var zipf = new ZipfSampler(vocabulary.Length);
        var buffer = new byte[1 << 20];
        var at = 0;
        long written = 0;
        var sentenceStart = true;
        while (written + at < size)
        {
            var words = 6 + random.Next(12);
            for (var w = 0; w < words; w++)
            {
                var rank = zipf.Next(random);
                var word = sentenceStart || random.Next(50) == 0 ? capitalised[rank] : vocabulary[rank];
                sentenceStart = false;
                if (at + word.Length + 4 > buffer.Length)
                {
                    output.Write(buffer, 0, at);
                    written += at;
                    at = 0;
                }
                word.CopyTo(buffer.AsSpan(at));
                at += word.Length;
                var punctuation = random.Next(24);
                if (punctuation == 0)
                {
                    buffer[at++] = (byte)'.';
                    sentenceStart = true;
                }
                else if (punctuation == 1)
                {
                    buffer[at++] = (byte)',';
                }
                buffer[at++] = w == words - 1 ? (byte)'\n' : (byte)' ';
            }
        }
        output.Write(buffer, 0, at);
        return written + at;
    }

    /// <summary>Writes a file of at least <paramref name="size"/> bytes, whole or not at all (see <see cref="Braid.Reporting.Files.AtomicFile"/>); returns its length.</summary>
    public static long WriteFile(string path, long size, int seed)
    {
        long written = 0;
        Braid.Reporting.Files.AtomicFile.Write(path, file => written = Write(file, size, seed));
        return written;
    }

    private static byte[][] Vocabulary(Random random)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var words = new List<byte[]>(VocabularySize);
        while (words.Count < VocabularySize)
        {
            string word;
            var kind = random.Next(100);
            if (kind < 2)
            {
                word = random.Next(1, 3000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                var parts = 1 + random.Next(4);
                var sb = new StringBuilder();
                for (var p = 0; p < parts; p++) sb.Append(Syllables[random.Next(Syllables.Length)]);
                if (kind < 4) sb.Append(random.Next(10));
                word = sb.ToString();
            }
            if (seen.Add(word)) words.Add(Encoding.ASCII.GetBytes(word));
        }
        return words.ToArray();
    }

    private static byte[] Capitalise(byte[] word)
    {
        var copy = (byte[])word.Clone();
        if (copy[0] is >= (byte)'a' and <= (byte)'z') copy[0] -= 32;
        return copy;
    }
}
