using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Nebius;

/// <summary>The fields of one nebius trajectory turn that the importer uses.</summary>
internal readonly record struct NebiusTurn(string Role, JsonText? Text, JsonText? SystemPrompt, string? CutoffDate);
