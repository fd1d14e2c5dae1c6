namespace TrajectoryBuild.Trajectories.Importing.Aider;

internal enum AiderBlockKind
{
    User,
    Tool,
    Assistant,
}
