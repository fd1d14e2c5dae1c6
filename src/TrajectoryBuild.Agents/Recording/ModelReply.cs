using OpenAI.Chat;

namespace TrajectoryBuild.Agents;

/// <summary>A model call's end: the completion, or (after the retries) the error; and the time all attempts took.</summary>
internal sealed record ModelReply(ChatCompletion? Completion, string? Error, TimeSpan Duration);
