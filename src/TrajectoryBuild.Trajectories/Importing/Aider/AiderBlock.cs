using System.Text;

namespace TrajectoryBuild.Trajectories.Importing.Aider;

internal sealed class AiderBlock(AiderBlockKind kind, int firstLine)
{
    public AiderBlockKind Kind { get; } = kind;

    public int FirstLine { get; } = firstLine;

    public List<string> Lines { get; } = [];

    /// <summary>The block's text without its leading and trailing blank lines.</summary>
    public string Text()
    {
        var start = 0;
        var end = Lines.Count;
        while (start < end && string.IsNullOrWhiteSpace(Lines[start]))
        {
            start++;
        }

        while (end > start && string.IsNullOrWhiteSpace(Lines[end - 1]))
        {
            end--;
        }

        var builder = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            builder.Append(i > start ? "\n" : "").Append(Lines[i]);
        }

        return builder.ToString();
    }
}
