using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Chat;

/// A message list read into the prompt (messages before the first agent turn) and the agent steps.
internal sealed record ChatConversation(IReadOnlyList<Message> Prompt, IReadOnlyList<AgentStep> Steps)
{
    public static ChatConversation From(List<Message> prompt, List<StepBuilder> steps) =>
        new(prompt, [.. steps.Select((step, index) => step.Build(index))]);
}
