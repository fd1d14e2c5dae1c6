using Microsoft.ML.Tokenizers;
using TrajectoryBuild.Rewards.Tagging;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Rewards.Tests.Tagging;

// Known values from tiktoken's own tests (openai/tiktoken tests/test_simple_public.py: cl100k_base "hello world" =
// [15339, 1917]), OpenAI's cookbook "How to count tokens with tiktoken" ("tiktoken is great!" = 6 tokens in cl100k_base:
// "t", "ik", "token", " is", " great", "!"), and published o200k_base vectors ("hello world" = [24912, 2375]).
public sealed class TokenCounterTests
{
    [Theory]
    [InlineData("o200k_base", "hello world", new[] { 24912, 2375 })]
    [InlineData("cl100k_base", "hello world", new[] { 15339, 1917 })]
    [InlineData("cl100k_base", "tiktoken is great!", new[] { 83, 1609, 5963, 374, 2294, 0 })]
    [InlineData("cl100k_base", "China is great!", new[] { 23078, 374, 2294, 0 })]
    public void Count_KnownText_MatchesTiktoken(string encoding, string text, int[] ids)
    {
        TokenCounter.For(encoding).Count(text).ShouldBe(ids.Length);
        TiktokenTokenizer.CreateForEncoding(encoding).EncodeToIds(text).ShouldBe(ids);
    }

    [Fact]
    public void Count_NonAsciiText_MatchesO200kVector() =>
        TokenCounter.Default.Count(" 日本語とEnglish 12345!\n").ShouldBe(8);

    [Fact]
    public void For_ModelName_UsesThatModelsEncoding()
    {
        const string text = "tiktoken is great! 日本語";
        TokenCounter.For("gpt-4o").Count(text).ShouldBe(TokenCounter.For("o200k_base").Count(text));
        TokenCounter.For("gpt-4").Count(text).ShouldBe(TokenCounter.For("cl100k_base").Count(text));
        TokenCounter.For("o200k_base").Count(text).ShouldNotBe(TokenCounter.For("cl100k_base").Count(text));
    }

    [Fact]
    public void For_SameName_ReturnsTheCachedInstance() =>
        TokenCounter.For("o200k_base").ShouldBeSameAs(TokenCounter.Default);

    [Fact]
    public void Count_Messages_AddsThreePerMessageAndThreeForTheReply()
    {
        TokenCounter.Default.Count([new Message("user", "hello world")]).ShouldBe(3 + 1 + 2 + 3);
        TokenCounter.Default.Count([new Message("system", "hello world"), new Message("user", "hello world")])
            .ShouldBe(3 + (2 * (3 + 2)) + TokenCounter.Default.Count("system") + TokenCounter.Default.Count("user"));
        TokenCounter.Default.Count([]).ShouldBe(3);
    }

    [Fact]
    public void CountMessage_WithName_AddsOneForTheName() =>
        TokenCounter.For("cl100k_base").CountMessage("system", "hello world", "example_user")
            .ShouldBe(3 + 1 + 2 + 1 + TokenCounter.For("cl100k_base").Count("example_user"));

    [Fact]
    public void Count_ToolCalls_CountsNameAndArguments()
    {
        var call = new ToolCall("bash", []) { ArgumentsRaw = "{\"command\":\"ls\"}" };
        var withCall = TokenCounter.Default.Count([new Message("assistant", "") { ToolCalls = [call] }]);
        withCall.ShouldBe(3 + 3 + TokenCounter.Default.Count("assistant") + TokenCounter.Default.Count("bash") + TokenCounter.Default.Count("{\"command\":\"ls\"}"));
    }

    [Fact]
    public void IsKnown_UnknownName_IsFalseAndForThrows()
    {
        TokenCounter.IsKnown("no_such_base").ShouldBeFalse();
        TokenCounter.IsKnown("").ShouldBeFalse();
        TokenCounter.IsKnown("cl100k_base").ShouldBeTrue();
        Should.Throw<ArgumentException>(() => TokenCounter.For("no_such_base"));
    }
}
