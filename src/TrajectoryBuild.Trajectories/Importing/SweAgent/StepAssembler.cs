using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.SweAgent;

/// <summary>
/// Assembles a plain message list (text-rendered actions) into prompt and steps: messages before the first model turn
/// are the prompt; the first user message after a turn with exactly one call is that call's observation; every other
/// message after a turn (a format error, a follow-up) is the turn's feedback.
/// </summary>
internal sealed class StepAssembler
{
    public List<Message> Prompt { get; } = [];

    public List<AgentStep> Steps { get; } = [];

    /// <summary>A model turn (its index is set here).</summary>
    public void Turn(AgentStep step) => Steps.Add(step with { Index = Steps.Count });

    /// <summary>A message that is not the model's.</summary>
    public void Reply(string role, JsonText content, Func<JsonText, Observation> observe)
    {
        if (Steps.Count == 0)
        {
            Prompt.Add(new Message(role, content));
            return;
        }

        var last = Steps[^1];
        Steps[^1] = last.ToolCalls.Count == 1 && last.Observations.Count == 0 && role == "user"
            ? last with { Observations = [observe(content)] }
            : last with { Feedback = [.. last.Feedback, new Message(role, content)] };
    }
}
