namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>One synthetic agent run, before it is rendered in a format: the same shape every scaffold records.</summary>
internal sealed record Episode(
    string InstanceId,
    string Model,
    string SystemPrompt,
    string Task,
    IReadOnlyList<EpisodeStep> Steps,
    string Patch,
    string ExitStatus,
    bool Resolved,
    string EvalLogs);

/// <summary>One step: the model's thought and call (a command and its JSON arguments), and what came back.</summary>
internal sealed record EpisodeStep(string Thought, string Tool, string Command, string ArgumentsJson, string CallId, string Observation, int ExitCode, double Seconds);
