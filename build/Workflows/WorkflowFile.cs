namespace Build.Workflows;

/// <summary>A generated workflow: its path under the repository root and its text.</summary>
internal sealed record WorkflowFile(string RelativePath, string Text);
