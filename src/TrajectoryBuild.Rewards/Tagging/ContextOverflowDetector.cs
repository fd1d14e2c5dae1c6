using System.Globalization;
using System.Text.RegularExpressions;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>
/// 1. Context overflow: the scaffold's own context exit (status or error), or a model input whose tokens reach
/// <see cref="TaggingOptions.ContextRatio"/> of the window. Without a window and without such a status it does not fire.
/// </summary>
internal static partial class ContextOverflowDetector
{
    public static DetectorFinding? Detect(TaggingContext context)
    {
        var evidence = new List<string>();
        var trajectory = context.Trajectory;
        if (trajectory.ExitStatus is { } status && ContextStatus().IsMatch(status))
        {
            evidence.Add($"exit status '{status}'");
        }

        if (trajectory.Error is { } error && ContextError().Match(error) is { Success: true } match)
        {
            evidence.Add($"run error: '{match.Value}'");
        }

        for (var i = 0; i < context.Steps.Count; i++)
        {
            if (context.Steps[i].Error is { } stepError && ContextError().Match(stepError) is { Success: true } stepMatch)
            {
                evidence.Add($"{context.StepName(i)} error: '{stepMatch.Value}'");
                break;
            }
        }

        if (context.Facts.ContextWindow is > 0 and var window && Tokens(context, window) is { } tokens)
        {
            evidence.Add(tokens);
        }

        return evidence.Count == 0 ? null : TaggingContext.Finding(FailureClass.ContextOverflow, evidence);
    }

    private static string? Tokens(TaggingContext context, int window)
    {
        var counter = TokenCounter.For(context.Options.Encoding);
        var inputs = Conversation.InputTokens(context.Trajectory, counter);
        var peak = 0;
        for (var i = 1; i < inputs.Count; i++)
        {
            if (inputs[i].Tokens > inputs[peak].Tokens)
            {
                peak = i;
            }
        }

        var (tokens, recordedAt, exact) = inputs[peak];
        var ratio = (double)tokens / window;
        if (ratio < context.Options.ContextRatio)
        {
            return null;
        }

        var where = peak < context.Steps.Count
            ? $"the input of {context.StepName(peak)}"
            : context.Steps.Count == 0 ? "the prompt" : $"the input after {context.StepName(context.Steps.Count - 1)} (the last)";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{where}: {tokens} tokens of a {window}-token window ({ratio:0.000} >= {context.Options.ContextRatio}), {counter.Encoding}, {Basis(context, recordedAt, exact)}");
    }

    private static string Basis(TaggingContext context, int recordedAt, bool exact) =>
        exact ? "recorded input"
        : recordedAt < 0 ? "reconstructed conversation"
        : $"recorded input of {context.StepName(recordedAt)} and the steps after";

    [GeneratedRegex(@"context", RegexOptions.IgnoreCase)]
    private static partial Regex ContextStatus();

    [GeneratedRegex(@"ContextWindowExceeded\w*|context_length_exceeded|maximum context length|context window (exceeded|is full)|exceeds? the context window|prompt is too long|input is too long for|too many tokens", RegexOptions.IgnoreCase)]
    internal static partial Regex ContextError();
}
