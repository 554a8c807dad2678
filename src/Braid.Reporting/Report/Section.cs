namespace Braid.Reporting;

/// <summary>A report section: a heading, its blocks in order, and the one-line results for the summary table.</summary>
public sealed class Section
{
    private readonly List<Block> _blocks = new();
    private readonly List<KeyValuePair<string, string>> _summary = new();

    /// <summary>Creates an empty section with the given heading.</summary>
    public Section(string title) => Title = title;

    /// <summary>The heading.</summary>
    public string Title { get; }

    /// <summary>The blocks, in the order they were added.</summary>
    public IReadOnlyList<Block> Blocks => _blocks;

    /// <summary>Headline results shown in the tour's summary table.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Summary => _summary;

    /// <summary>Adds a paragraph of plain text.</summary>
    public Section Text(string text) { _blocks.Add(new TextBlock(text)); return this; }

    /// <summary>Adds preformatted text (a trace, a command line).</summary>
    public Section Code(string text) { _blocks.Add(new CodeBlock(text)); return this; }

    /// <summary>Adds a table.</summary>
    public Section Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _blocks.Add(new TableBlock(headers, rows.ToList()));
        return this;
    }

    /// <summary>Adds a PNG figure that was written into the report folder.</summary>
    public Section Figure(string pngPath, string caption)
    {
        _blocks.Add(new FigureBlock(pngPath, caption));
        return this;
    }

    /// <summary>Adds a headline result for the tour's summary table.</summary>
    public Section Headline(string name, string value)
    {
        _summary.Add(new(name, value));
        return this;
    }
}

/// <summary>One piece of a section.</summary>
public abstract record Block;

/// <summary>A paragraph.</summary>
public sealed record TextBlock(string Text) : Block;

/// <summary>Preformatted text.</summary>
public sealed record CodeBlock(string Text) : Block;

/// <summary>A table with a header row.</summary>
public sealed record TableBlock(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;

/// <summary>A PNG image in the report folder with its caption.</summary>
public sealed record FigureBlock(string PngPath, string Caption) : Block;
