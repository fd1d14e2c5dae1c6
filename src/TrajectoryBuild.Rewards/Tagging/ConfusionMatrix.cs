using System.Globalization;
using System.Text;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>
/// Detector classes against human classes on the annotated slice: rows are the human class, columns the detectors'
/// (the six classes, then <c>infrastructure</c> for trajectories the screen took out).
/// </summary>
public sealed class ConfusionMatrix
{
    private static readonly int s_columns = FailureClasses.All.Count + 1;

    private readonly int[,] _counts = new int[FailureClasses.All.Count, s_columns];

    private ConfusionMatrix()
    {
    }

    /// <summary>How many pairs were counted.</summary>
    public int Total { get; private set; }

    /// <summary>How many pairs agree (the diagonal).</summary>
    public int Agreements { get; private set; }

    /// <summary>The fraction of pairs that agree, or null when there are none.</summary>
    public double? Accuracy => Total == 0 ? null : (double)Agreements / Total;

    /// <summary>The number of trajectories a person tagged <paramref name="human"/> and the detectors <paramref name="detected"/> (null: infrastructure).</summary>
    public int this[FailureClass human, FailureClass? detected] => _counts[(int)human, Column(detected)];

    /// <summary>Counts (human, detected) pairs; detected null stands for the infrastructure screen.</summary>
    public static ConfusionMatrix Of(IEnumerable<(FailureClass Human, FailureClass? Detected)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var matrix = new ConfusionMatrix();
        foreach (var (human, detected) in pairs)
        {
            matrix._counts[(int)human, Column(detected)]++;
            matrix.Total++;
            matrix.Agreements += human == detected ? 1 : 0;
        }

        return matrix;
    }

    /// <summary>The matrix of the tags a person overrode (or confirmed by overriding with the same class); the others are skipped.</summary>
    public static ConfusionMatrix Of(IEnumerable<FailureTag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return Of(tags.Where(t => t.Override is not null).Select(t => (t.Override!.Class, t.Override.Detected)));
    }

    /// <summary>A fixed-width text table (rows human, columns detector), then the accuracy line; LF line ends.</summary>
    public string Render()
    {
        var names = FailureClasses.All.Select(c => c.ToName()).Append(FailureClasses.Infrastructure).ToList();
        var first = Math.Max("human \\ detector".Length, names.Max(n => n.Length));
        var text = new StringBuilder();
        text.Append("human \\ detector".PadRight(first));
        foreach (var name in names)
        {
            text.Append("  ").Append(name);
        }

        text.Append('\n');
        foreach (var human in FailureClasses.All)
        {
            text.Append(human.ToName().PadRight(first));
            for (var column = 0; column < s_columns; column++)
            {
                text.Append("  ").Append(_counts[(int)human, column].ToString(CultureInfo.InvariantCulture).PadLeft(names[column].Length));
            }

            text.Append('\n');
        }

        text.Append(Accuracy is { } accuracy
            ? string.Create(CultureInfo.InvariantCulture, $"accuracy: {Agreements}/{Total} = {accuracy:0.000}\n")
            : "accuracy: n/a (no annotated trajectories)\n");
        return text.ToString();
    }

    private static int Column(FailureClass? detected) => detected is { } c ? (int)c : s_columns - 1;
}
