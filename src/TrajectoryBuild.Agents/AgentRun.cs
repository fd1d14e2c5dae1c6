using OpenAI.Chat;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Agents;

/// <summary>One run of the reference agent: the conversation, the counters, and the loop until an exit status.</summary>
internal sealed partial class AgentRun(AgentRequest request, AgentConfig config, IAgentSandbox sandbox, RawLog log, Action<string> progress, TimeProvider time)
{
    private readonly List<ChatMessage> _messages = [];
    private int _formatErrors;
    private string? _lastCommand;
    private int _repeats;

    /// <summary>Model calls answered (turns taken).</summary>
    public int Steps { get; private set; }

    public Usage Usage { get; private set; } = Usage.Unknown;

    /// <summary>Runs turns until a limit, a submit, or an error; returns the exit status and the run-level error, if any.</summary>
    public async Task<(string ExitStatus, string? Error)> LoopAsync(string system, string user, CancellationToken ct)
    {
        _messages.Add(new SystemChatMessage(system));
        _messages.Add(new UserChatMessage(user));
        var options = new ChatCompletionOptions();
        foreach (var tool in AgentTools.ForSdk())
        {
            options.Tools.Add(tool);
        }

        var model = new ModelClient(request, config, log, time);
        var started = time.GetTimestamp();
        using var wall = request.Limits.WallSeconds is { } seconds ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, wall.Token);
        try
        {
            while (true)
            {
                if (LimitReached(time.GetElapsedTime(started)) is { } limit)
                {
                    return (limit, null);
                }

                var step = Steps;
                var reply = await model.CompleteAsync(step, _messages, options, linked.Token).ConfigureAwait(false);
                if (reply.Completion is not { } completion)
                {
                    progress($"{request.InstanceId}: step {step}: model error: {reply.Error}");
                    return (ExitStatuses.ModelError, reply.Error);
                }

                Steps++;
                Usage = Usage.Add(UsageOf(completion));
                _messages.Add(new AssistantChatMessage(completion));
                if (await TakeTurnAsync(step, completion, linked.Token).ConfigureAwait(false) is { } exit)
                {
                    return (exit, null);
                }
            }
        }
        catch (OperationCanceledException) when (wall.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return (ExitStatuses.WallLimit, null);
        }
    }

    private string? LimitReached(TimeSpan elapsed)
    {
        var limits = request.Limits;
        if (limits.Steps is { } steps && Steps >= steps)
        {
            return ExitStatuses.StepLimit;
        }

        if (limits.CostUsd is { } cost && Usage.CostUsd >= cost)
        {
            return ExitStatuses.CostLimit;
        }

        var tokens = Usage.TotalTokens ?? ((Usage.PromptTokens ?? 0) + (Usage.CompletionTokens ?? 0));
        if (limits.Tokens is { } maximum && tokens >= maximum)
        {
            return ExitStatuses.TokenLimit;
        }

        return limits.WallSeconds is { } wall && elapsed.TotalSeconds >= wall ? ExitStatuses.WallLimit : null;
    }

    private Usage UsageOf(ChatCompletion completion)
    {
        if (completion.Usage is not { } usage)
        {
            return Usage.Unknown;
        }

        double? cost = config.Priced ? (usage.InputTokenCount * config.PricePer1kPrompt!.Value / 1000) + (usage.OutputTokenCount * config.PricePer1kCompletion!.Value / 1000) : null;
        return new Usage(usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, cost);
    }
}
