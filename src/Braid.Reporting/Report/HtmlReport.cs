using System.Net;
using System.Text;

namespace Braid.Reporting;

/// <summary>Renders sections as one self-contained HTML page: the figures are embedded, so the file can be mailed alone.</summary>
public static class HtmlReport
{
    /// <summary>Returns the HTML text of a report.</summary>
    public static string Render(string title, IEnumerable<Section> sections)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<title>").Append(Encode(title)).AppendLine("</title>");
        html.AppendLine("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}" +
                        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}" +
                        "th{background:#f3f3f3}pre{background:#f6f6f6;padding:.8em;overflow-x:auto}" +
                        "figure{margin:1em 0}img{max-width:100%}figcaption{font-style:italic;color:#555}</style>");
        html.AppendLine("</head><body>");
        html.Append("<h1>").Append(Encode(title)).AppendLine("</h1>");
        foreach (var section in sections)
        {
            html.Append("<h2>").Append(Encode(section.Title)).AppendLine("</h2>");
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case TextBlock t:
                        html.Append("<p>").Append(Encode(t.Text)).AppendLine("</p>");
                        break;
                    case CodeBlock c:
                        html.Append("<pre>").Append(Encode(c.Text.TrimEnd())).AppendLine("</pre>");
                        break;
                    case TableBlock t:
                        html.Append("<table><tr>");
                        foreach (var h in t.Headers) html.Append("<th>").Append(Encode(h)).Append("</th>");
                        html.AppendLine("</tr>");
                        foreach (var row in t.Rows)
                        {
                            html.Append("<tr>");
                            foreach (var cell in row) html.Append("<td>").Append(Encode(cell)).Append("</td>");
                            html.AppendLine("</tr>");
                        }
                        html.AppendLine("</table>");
                        break;
                    case FigureBlock f:
                        var data = Convert.ToBase64String(File.ReadAllBytes(f.PngPath));
                        html.Append("<figure><img alt=\"").Append(Encode(f.Caption)).Append("\" src=\"data:image/png;base64,")
                            .Append(data).Append("\"><figcaption>").Append(Encode(f.Caption)).AppendLine("</figcaption></figure>");
                        break;
                }
            }
        }
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
