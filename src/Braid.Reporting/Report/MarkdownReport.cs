using System.Text;

namespace Braid.Reporting;

/// <summary>Renders sections as a Markdown report whose figures are the PNG files beside it.</summary>
public static class MarkdownReport
{
    /// <summary>Returns the Markdown text of a report; figure paths are written relative to <paramref name="reportDirectory"/>.</summary>
    public static string Render(string title, IEnumerable<Section> sections, string reportDirectory)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(title).AppendLine();
        foreach (var section in sections)
        {
            md.Append("## ").AppendLine(section.Title).AppendLine();
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case TextBlock t:
                        md.AppendLine(t.Text).AppendLine();
                        break;
                    case CodeBlock c:
                        md.AppendLine("```").AppendLine(c.Text.TrimEnd()).AppendLine("```").AppendLine();
                        break;
                    case TableBlock t:
                        md.Append("| ").Append(string.Join(" | ", t.Headers.Select(Escape))).AppendLine(" |");
                        md.Append('|').Append(string.Concat(t.Headers.Select(_ => " --- |"))).AppendLine();
                        foreach (var row in t.Rows)
                        {
                            md.Append("| ").Append(string.Join(" | ", row.Select(Escape))).AppendLine(" |");
                        }
                        md.AppendLine();
                        break;
                    case FigureBlock f:
                        var relative = Path.GetRelativePath(reportDirectory, f.PngPath).Replace('\\', '/');
                        md.Append("![").Append(f.Caption).Append("](").Append(relative).AppendLine(")").AppendLine();
                        md.Append('*').Append(f.Caption).AppendLine("*").AppendLine();
                        break;
                }
            }
        }
        return md.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|").Replace("\n", " ");
}
