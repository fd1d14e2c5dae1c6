using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>The rows of one corpus: records ordered by trajectory id (ordinal), each format's builder applied.</summary>
public static class CorpusRows
{
    /// <summary>The rows of <paramref name="format"/> for <paramref name="records"/>, in a deterministic order.</summary>
    public static IReadOnlyList<JsonObject> Build(CorpusFormat format, IEnumerable<PackageRecord> records, CorpusOptions options)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        var ordered = records.OrderBy(r => r.TrajectoryId, StringComparer.Ordinal).ToList();
        var rendering = options.Rendering;
        if (format == CorpusFormat.Dpo)
        {
            return DpoRows.Of(ordered, rendering, options.PairingRule);
        }

        Func<PackageRecord, JsonObject?> row = format switch
        {
            CorpusFormat.ShareGpt => r => ShareGptRows.Of(r, rendering),
            CorpusFormat.OpenAi => r => OpenAiRows.Of(r, rendering),
            CorpusFormat.Kto => r => KtoRows.Of(r, rendering),
            CorpusFormat.KtoLlamaFactory => r => KtoLlamaFactoryRows.Of(r, rendering),
            CorpusFormat.Prm => r => PrmRows.Of(r, rendering),
            CorpusFormat.Stepwise => r => StepwiseRows.Of(r, rendering),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown corpus format"),
        };
        return [.. ordered.Select(row).OfType<JsonObject>()];
    }
}
