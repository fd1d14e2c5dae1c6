namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>The label file formats by name, for the command line: our JSONL, Label Studio JSON and Argilla records.</summary>
public static class LabelFiles
{
    public const string Jsonl = "jsonl";
    public const string LabelStudio = "label-studio";
    public const string Argilla = "argilla";

    /// <summary>Every format name.</summary>
    public static IReadOnlyList<string> Formats { get; } = [Jsonl, LabelStudio, Argilla];

    /// <summary>
    /// Writes <paramref name="annotations"/> in <paramref name="format"/>. Label Studio tasks and Argilla records are one
    /// per turn of <paramref name="items"/> (to annotate, with the labels pre-filled and the gate's scores as
    /// predictions or suggestions); our JSONL needs no items and carries no predictions.
    /// </summary>
    public static void Write(string format, Stream stream, IReadOnlyList<AnnotationItem> items, IReadOnlyList<TrajectoryAnnotation> annotations, IReadOnlyList<GatePrediction>? predictions = null)
    {
        switch (format)
        {
            case Jsonl:
                LabelsJsonl.Write(stream, annotations);
                break;
            case LabelStudio:
                LabelStudioFormat.WriteTasks(stream, items, annotations, predictions);
                break;
            case Argilla:
                ArgillaFormat.WriteRecords(stream, items, annotations, predictions);
                break;
            default:
                throw new ArgumentException($"unknown label format '{format}'; formats: {string.Join(", ", Formats)}", nameof(format));
        }
    }

    /// <summary>Reads the labels of a file in <paramref name="format"/>; errors name the file and the place.</summary>
    public static IReadOnlyList<TrajectoryAnnotation> Read(string format, string path)
    {
        if (format == Jsonl)
        {
            return LabelsJsonl.ReadFile(path);
        }

        using var stream = File.OpenRead(path);
        return format switch
        {
            LabelStudio => LabelStudioFormat.ReadExport(stream, path),
            Argilla => ArgillaFormat.ReadRecords(stream, path),
            _ => throw new ArgumentException($"unknown label format '{format}'; formats: {string.Join(", ", Formats)}", nameof(format)),
        };
    }

    /// <summary>What a tool needs to be set up for <paramref name="format"/>: Label Studio's labeling config (XML), Argilla's dataset settings (JSON).</summary>
    public static string? Setup(string format) => format switch
    {
        LabelStudio => LabelStudioFormat.LabelingConfig(),
        Argilla => ArgillaFormat.DatasetSettings(),
        _ => null,
    };
}
