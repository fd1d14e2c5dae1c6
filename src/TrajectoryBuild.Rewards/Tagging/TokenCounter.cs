using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>
/// Counts tokens with a tiktoken encoding (Microsoft.ML.Tokenizers; the vocabularies are embedded by the
/// <c>Microsoft.ML.Tokenizers.Data.*</c> packages, nothing is downloaded). One instance per encoding, shared and thread-safe.
/// </summary>
public sealed class TokenCounter
{
    /// <summary>The encoding of GPT-4o and later OpenAI models.</summary>
    public const string DefaultEncoding = "o200k_base";

    /// <summary>Tokens every chat message costs beyond its text (OpenAI's cookbook: <c>&lt;|start|&gt;role&lt;|message|&gt;</c> framing).</summary>
    public const int TokensPerMessage = 3;

    /// <summary>Tokens a message's <c>name</c> field costs beyond its text.</summary>
    public const int TokensPerName = 1;

    /// <summary>Tokens that prime the reply (<c>&lt;|start|&gt;assistant&lt;|message|&gt;</c>), once per request.</summary>
    public const int ReplyPriming = 3;

    private static readonly ConcurrentDictionary<string, Lazy<TokenCounter>> s_counters = new(StringComparer.Ordinal);

    private readonly Tokenizer _tokenizer;

    private TokenCounter(string encoding, Tokenizer tokenizer)
    {
        Encoding = encoding;
        _tokenizer = tokenizer;
    }

    /// <summary>The counter for <see cref="DefaultEncoding"/>.</summary>
    public static TokenCounter Default => For(DefaultEncoding);

    /// <summary>The encoding or model name this counter was made for.</summary>
    public string Encoding { get; }

    /// <summary>The shared counter for an encoding (<c>o200k_base</c>, <c>cl100k_base</c>) or a model name (<c>gpt-4o</c>, <c>gpt-4</c>).</summary>
    /// <exception cref="ArgumentException">Neither an encoding nor a model the tokenizer library knows (or its data package is missing).</exception>
    public static TokenCounter For(string encodingOrModel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(encodingOrModel);
        var lazy = s_counters.GetOrAdd(encodingOrModel, name => new Lazy<TokenCounter>(() => new TokenCounter(name, Create(name))));
        try
        {
            return lazy.Value;
        }
        catch (ArgumentException)
        {
            s_counters.TryRemove(encodingOrModel, out _);
            throw;
        }
    }

    /// <summary>Whether <see cref="For"/> can make a counter for this name.</summary>
    public static bool IsKnown(string? encodingOrModel)
    {
        if (string.IsNullOrWhiteSpace(encodingOrModel))
        {
            return false;
        }

        try
        {
            For(encodingOrModel);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The tokens of a text, special-token strings counted as plain text.</summary>
    public int Count(string? text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.CountTokens(text, considerPreTokenization: true, considerNormalization: true);

    /// <summary>
    /// The tokens of a chat request: per message <see cref="TokensPerMessage"/> plus its role and content (and, for an
    /// assistant message, each tool call's name and arguments text), plus <see cref="ReplyPriming"/>. Tool-call framing
    /// is not public, so requests with tool calls are counted slightly low.
    /// </summary>
    public int Count(IEnumerable<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return ReplyPriming + messages.Sum(m => CountMessage(m, Count));
    }

    /// <summary>One message's tokens (without the reply priming), its texts counted by <paramref name="count"/>.</summary>
    internal static int CountMessage(Message message, Func<string?, int> count)
    {
        var tokens = TokensPerMessage + count(message.Role) + count(message.Content);
        foreach (var call in message.ToolCalls)
        {
            tokens += count(call.Name) + count(ToolCallText(call));
        }

        return tokens;
    }

    /// <summary>One message with a <c>name</c> field, as in OpenAI's cookbook (without the reply priming).</summary>
    internal int CountMessage(string role, string content, string? name) =>
        TokensPerMessage + Count(role) + Count(content) + (name is null ? 0 : TokensPerName + Count(name));

    internal static string ToolCallText(ToolCall call) => call.ArgumentsRaw ?? call.Arguments.ToJsonString();

    private static TiktokenTokenizer Create(string name)
    {
        try
        {
            return name.EndsWith("_base", StringComparison.Ordinal)
                ? TiktokenTokenizer.CreateForEncoding(name)
                : TiktokenTokenizer.CreateForModel(name);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or FileNotFoundException)
        {
            throw new ArgumentException($"no tokenizer for '{name}': {e.Message}", nameof(name), e);
        }
    }
}
