namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>One turn of a nebius row's trajectory, in the dataset's field order.</summary>
internal sealed record NebiusTurn(string? CutoffDate, bool Mask, string Role, string? SystemPrompt, string? Text);
