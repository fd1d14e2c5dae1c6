namespace Build.Parameters;

/// <summary>The resolved, typed parameters (command line over environment over default).</summary>
internal sealed record BuildParameters(
    string Configuration,
    string Manifest,
    int Jobs,
    bool KeepGoing,
    bool Explain,
    bool Json,
    string? Stage,
    bool DryRun,
    int Iterations = 10,
    int SizeMb = 1024,
    string? Version = null);
