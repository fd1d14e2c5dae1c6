using System.Globalization;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Aider;

/// <summary>
/// A session as a trajectory: blocks before the first assistant response are the prompt (tool output there is the
/// startup banner, read for the Aider version and model); each assistant response is a step with its edits; the tool
/// output right after it is its observation (its <c>Tokens:</c> line the step's usage); user messages after a step,
/// and tool output after those, are the step's feedback.
/// </summary>
internal sealed partial class AiderSession
{
    private static readonly string[] s_modelPrefixes = ["Main model: ", "Models: ", "Model: "];

    public string? AiderVersion { get; private set; }

    public string? Model { get; private set; }

    public Trajectory ToTrajectory(Provenance provenance)
    {
        var prompt = new List<Message>();
        var steps = new List<AgentStep>();
        var afterUser = false;
        foreach (var block in _blocks)
        {
            var text = block.Text();
            if (block.Kind == AiderBlockKind.Assistant)
            {
                steps.Add(Step(block, text, steps.Count));
                afterUser = false;
                continue;
            }

            var message = new Message(block.Kind == AiderBlockKind.User ? "user" : "tool", text);
            if (steps.Count == 0)
            {
                prompt.Add(message);
                continue;
            }

            var last = steps[^1];
            afterUser |= block.Kind == AiderBlockKind.User;
            steps[^1] = afterUser
                ? last with { Feedback = [.. last.Feedback, message] }
                : last with { Observations = [.. last.Observations, new Observation(text) { IsError = IsEditError(text) }], Usage = last.Usage ?? Tokens(block) };
        }

        return new Trajectory { Provenance = provenance, Prompt = prompt, Steps = steps };
    }

    private static AgentStep Step(AiderBlock block, string text, int index)
    {
        var (calls, first, unclosed) = SearchReplaceBlocks.Parse(block.Lines);
        var thought = first > 0 ? string.Join('\n', block.Lines.Take(first)).Trim() : "";
        return new AgentStep
        {
            Index = index,
            Thought = thought.Length == 0 ? null : thought,
            Content = text,
            ToolCalls = calls,
            Error = unclosed < 0 ? null : $"the SEARCH/REPLACE block at line {block.FirstLine + unclosed} is not closed",
        };
    }

    // The startup banner: tool output before the first assistant response.
    private void ReadBanner()
    {
        foreach (var line in _blocks.TakeWhile(b => b.Kind != AiderBlockKind.Assistant).Where(b => b.Kind == AiderBlockKind.Tool).SelectMany(b => b.Lines))
        {
            if (line.StartsWith("Aider v", StringComparison.Ordinal))
            {
                AiderVersion ??= line[7..].Trim();
            }

            foreach (var prefix in s_modelPrefixes)
            {
                if (Model is null && line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var name = line[prefix.Length..];
                    var with = name.IndexOf(" with ", StringComparison.Ordinal);
                    Model = (with < 0 ? name : name[..with]).Trim();
                }
            }
        }
    }

    // "Tokens: 5,244 sent, 604 received. Cost: $0.02 request, $0.02 session." Rounded counts ("2.6k") stay unknown.
    private static Usage? Tokens(AiderBlock block)
    {
        var line = block.Lines.FirstOrDefault(l => l.StartsWith("Tokens: ", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        long? sent = null, received = null;
        var costAt = line.IndexOf(" Cost: $", StringComparison.Ordinal);
        foreach (var part in line[8..(costAt < 0 ? line.Length : costAt)].TrimEnd('.').Split(", "))
        {
            var space = part.LastIndexOf(' ');
            var exact = space > 0 && long.TryParse(part.AsSpan(0, space), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var count) ? count : (long?)null;
            switch (space > 0 ? part[(space + 1)..] : "")
            {
                case "sent":
                    sent = exact;
                    break;
                case "received":
                    received = exact;
                    break;
            }
        }

        double? cost = null;
        if (costAt >= 0)
        {
            var start = costAt + 8;
            var end = line.IndexOf(' ', start);
            cost = double.TryParse(line.AsSpan(start, (end < 0 ? line.Length : end) - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
        }

        return new Usage(sent, received, sent is null || received is null ? null : sent + received, cost);
    }

    private static bool IsEditError(string text) =>
        text.Contains("did not conform to the edit format", StringComparison.Ordinal) || text.Contains("failed to match", StringComparison.Ordinal);
}
