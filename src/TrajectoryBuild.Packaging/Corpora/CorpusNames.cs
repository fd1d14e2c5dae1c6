namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>The manifest names of <see cref="CorpusFormat"/> and <see cref="ActionRendering"/>.</summary>
public static class CorpusNames
{
    private static readonly (CorpusFormat Format, string Name)[] s_formats =
    [
        (CorpusFormat.ShareGpt, "sharegpt"), (CorpusFormat.OpenAi, "openai"), (CorpusFormat.Dpo, "dpo"),
        (CorpusFormat.Kto, "kto"), (CorpusFormat.KtoLlamaFactory, "kto_llamafactory"), (CorpusFormat.Prm, "prm"),
        (CorpusFormat.Stepwise, "stepwise"),
    ];

    private static readonly (ActionRendering Rendering, string Name)[] s_renderings =
        [(ActionRendering.Native, "native"), (ActionRendering.Xml, "xml"), (ActionRendering.Backticks, "backticks")];

    /// <summary>The manifest name of <paramref name="format"/> (<c>sharegpt</c>, <c>openai</c> ...).</summary>
    public static string Name(CorpusFormat format) => s_formats.First(f => f.Format == format).Name;

    /// <summary>The manifest name of <paramref name="rendering"/> (<c>native</c>, <c>xml</c>, <c>backticks</c>).</summary>
    public static string Name(ActionRendering rendering) => s_renderings.First(r => r.Rendering == rendering).Name;

    /// <summary>The format a manifest names, or null for an unknown name.</summary>
    public static CorpusFormat? ParseFormat(string name) =>
        s_formats.Where(f => f.Name == name).Select(f => (CorpusFormat?)f.Format).FirstOrDefault();

    /// <summary>The rendering a manifest names, or null for an unknown name.</summary>
    public static ActionRendering? ParseRendering(string name) =>
        s_renderings.Where(r => r.Name == name).Select(r => (ActionRendering?)r.Rendering).FirstOrDefault();
}
