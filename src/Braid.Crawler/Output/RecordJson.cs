using System.Text.Json;
using System.Text.Json.Serialization;

namespace Braid.Crawler.Output;

/// <summary>The records' JSON shape: snake_case names, nulls left out, generated at compile time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CrawlRecord))]
internal sealed partial class RecordJsonContext : JsonSerializerContext
{
    public static string Serialize(CrawlRecord record) => JsonSerializer.Serialize(record, Default.CrawlRecord);

    public static CrawlRecord Deserialize(string json) => JsonSerializer.Deserialize(json, Default.CrawlRecord)!;
}
