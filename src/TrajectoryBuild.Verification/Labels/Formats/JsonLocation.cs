namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>Where in an export a problem is: the item as the tool names it, and a JSON path to the value.</summary>
internal readonly record struct JsonLocation(string Subject, string Path)
{
    public JsonLocation this[string member] => new(Subject, $"{Path}.{member}");

    public JsonLocation this[string member, int index] => new(Subject, $"{Path}.{member}[{index}]");

    public override string ToString() => $"{Subject} ({Path})";
}
