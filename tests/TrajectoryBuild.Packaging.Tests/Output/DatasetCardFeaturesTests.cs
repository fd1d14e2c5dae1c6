using TrajectoryBuild.Packaging.Corpora;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Packaging.Tests.Output;

/// <summary>
/// The card's <c>dataset_info.features</c> against the files its <c>configs</c> point at, with rows from the corpus
/// builders: JSONL configs declare the nested types the rows have (or nothing when a shape is not fixed), Parquet
/// configs the Parquet column types (JSON text for objects and arrays), and the validator rejects a card that lies.
/// </summary>
public sealed class DatasetCardFeaturesTests
{
    [Theory]
    [MemberData(nameof(CorpusShards.JsonlShapes), MemberType = typeof(CorpusShards))]
    public async Task Render_JsonlOnly_DeclaresTheNestedTypesTheRowsHave_AndTheFilesValidate(CorpusFormat format, string expected)
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, format, ShardFileFormat.Jsonl);

        var card = DatasetCard.Render(OutputFixture.Card(), [set]);

        var declared = DatasetCardValidator.Features(card, set.Config);
        declared.ShouldNotBeNull();
        declared.ToString().ShouldBe(expected.Replace("P>", CorpusShards.Provenance + ">", StringComparison.Ordinal));
        declared.ShouldBe(DatasetCard.Features(set));
        card.ShouldContain($"path: \"data/{set.Config}/train-*.jsonl\"");
        card.ShouldContain($"` are nested JSON in the rows; `features` declares their list and struct types as every row has them.");
        (await DatasetCardValidator.ValidateAsync(card, temp.Path, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Render_JsonlOnly_WritesHuggingFaceFeatureSyntax()
    {
        using var temp = new TempDirectory();
        var shareGpt = await CorpusShards.WriteAsync(temp.Path, CorpusFormat.ShareGpt, ShardFileFormat.Jsonl);
        var prm = await CorpusShards.WriteAsync(temp.Path, CorpusFormat.Prm, ShardFileFormat.Jsonl);

        var card = DatasetCard.Render(OutputFixture.Card(), [shareGpt, prm]);

        // As datasets' Features._to_yaml_list writes them: a list of structs is `list:` + named entries, a list of
        // values `list: <dtype>`, a struct `struct:` + named entries; every dtype quoted ("null" would be YAML null).
        card.ShouldContain("""
              features:
              - name: "conversations"
                list:
                - name: "from"
                  dtype: "string"
                - name: "value"
                  dtype: "string"
              - name: "system"
                dtype: "string"
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        card.ShouldContain("""
              - name: "completions"
                list: "string"
              - name: "labels"
                list: "bool"
              - name: "provenance"
                struct:
                - name: "trajectory_id"
                  dtype: "string"
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        (await DatasetCardValidator.ValidateAsync(card, temp.Path, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(CorpusFormat.OpenAi, "`messages[]` (objects with different keys)")]
    [InlineData(CorpusFormat.Dpo, "`chosen[]` (objects with different keys), `rejected[]` (objects with different keys)")]
    [InlineData(CorpusFormat.Kto, "`completion[]` (objects with different keys)")]
    public async Task Render_JsonlOnly_MessagesWithOptionalKeys_DeclareNoFeaturesAndSayWhy(CorpusFormat format, string why)
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, format, ShardFileFormat.Jsonl);

        var card = DatasetCard.Render(OutputFixture.Card(), [set]);

        // tool_calls only on assistant turns, tool_call_id only on tool turns: datasets itself reads such objects as JSON
        // (find_mixed_struct_types_field_paths), so no declaration is the true one.
        DatasetCard.Features(set).ShouldBeNull();
        DatasetCardValidator.Features(card, set.Config).ShouldBeNull();
        var info = (Dictionary<object, object?>)((List<object?>)DatasetCardValidator.FrontMatter(card)!["dataset_info"]!)[0]!;
        info.Keys.ShouldBe(["config_name", "splits"]);
        card.ShouldContain($"- `{set.Config}` (JSONL): no `features` declared, since not every shape is fixed: {why}; `datasets` infers the types from the files.");
        (await DatasetCardValidator.ValidateAsync(card, temp.Path, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(CorpusShards.ParquetColumns), MemberType = typeof(CorpusShards))]
    public async Task Render_ParquetAndJsonl_DeclaresTheParquetColumns_JsonColumnsAsString(CorpusFormat format, string expected)
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, format, ShardFileFormat.Parquet, ShardFileFormat.Jsonl);

        var card = DatasetCard.Render(OutputFixture.Card(), [set]);

        DatasetCardValidator.Features(card, set.Config)!.ToString().ShouldBe(expected);
        card.ShouldContain($"path: \"data/{set.Config}/train-*.parquet\"");
        card.ShouldContain("compact JSON text in a string column (declared `string`): decode them with `json.loads`");
        (await DatasetCardValidator.ValidateAsync(card, temp.Path, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(CorpusFormat.ShareGpt, "  - name: \"conversations\"\n    list:\n    - name: \"from\"\n      dtype: \"string\"\n    - name: \"value\"\n      dtype: \"string\"\n",
        "  - name: \"conversations\"\n    dtype: \"string\"\n", "'conversations' is an array, declared string")]
    [InlineData(CorpusFormat.Prm, "    list: \"bool\"\n", "    list: \"string\"\n", "'labels[0]' is a boolean, declared string")]
    [InlineData(CorpusFormat.Prm, "  - name: \"labels\"\n    list: \"bool\"\n", "", "'labels' is not declared in features")]
    [InlineData(CorpusFormat.KtoLlamaFactory, "    - name: \"model\"\n      dtype: \"string\"\n", "", "'provenance.model' is not declared in struct<")]
    [InlineData(CorpusFormat.Stepwise, "    - name: \"score\"\n      dtype: \"float64\"\n", "    - name: \"score\"\n      dtype: \"int64\"\n", "'steps[2].score' is a number, declared int64")]
    [InlineData(CorpusFormat.KtoLlamaFactory, "    num_examples: 2\n", "    num_examples: 3\n", "dataset_info declares 3 examples, its files hold 2 rows")]
    public async Task ValidateAsync_JsonlCardDeclaringWhatTheRowsDoNotHave_IsRejected(CorpusFormat format, string declared, string mutation, string problem)
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, format, ShardFileFormat.Jsonl);
        var card = DatasetCard.Render(OutputFixture.Card(), [set]);
        card.ShouldContain(declared);

        var lie = ReplaceFirst(card, declared, mutation);

        DatasetCardValidator.Validate(lie).ShouldBeEmpty("the mutated card is well-formed; only the files show it is wrong");
        var errors = await DatasetCardValidator.ValidateAsync(lie, temp.Path, TestContext.Current.CancellationToken);
        errors.ShouldContain(e => e.Contains(problem, StringComparison.Ordinal), string.Join("\n", errors));
    }

    [Fact]
    public async Task ValidateAsync_ParquetColumnDeclaredAsItsJsonShape_IsRejected()
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, CorpusFormat.Prm, ShardFileFormat.Parquet, ShardFileFormat.Jsonl);
        var card = DatasetCard.Render(OutputFixture.Card(), [set]);

        // The JSONL shape of labels is list<bool>, but the card points at Parquet, where labels is the JSON text.
        var lie = ReplaceFirst(card, "  - name: \"labels\"\n    dtype: \"string\"\n", "  - name: \"labels\"\n    list: \"bool\"\n");

        var errors = await DatasetCardValidator.ValidateAsync(lie, temp.Path, TestContext.Current.CancellationToken);
        errors.ShouldContain(e => e.Contains("column 'labels' is Parquet string, declared list<bool>", StringComparison.Ordinal), string.Join("\n", errors));
    }

    [Theory]
    [InlineData("  - name: \"x\"\n    dtype: \"text\"\n", "'text' is not a known dtype")]
    [InlineData("  - name: \"x\"\n    dtype: null\n", "'(null)' is not a known dtype")]
    [InlineData("  - name: \"x\"\n    dtype: \"string\"\n    list: \"string\"\n", "exactly one of dtype, list or struct is required, found dtype, list")]
    [InlineData("  - name: \"x\"\n", "exactly one of dtype, list or struct is required, found none")]
    [InlineData("  - dtype: \"string\"\n", "every feature needs a non-empty string name")]
    [InlineData("  - name: \"x\"\n    sequence: \"string\"\n", "'sequence' is not a supported feature type")]
    [InlineData("  - name: \"x\"\n    struct: []\n", "'x': a non-empty list of named features is required")]
    [InlineData("  - name: \"x\"\n    list:\n    - dtype: \"string\"\n", "'x[]': every feature needs a non-empty string name")]
    [InlineData("  - name: \"x\"\n    list:\n      list: \"bool\"\n  - name: \"x\"\n    dtype: \"bool\"\n", "'x': declared twice")]
    [InlineData("  - name: \"x\"\n    struct:\n    - name: \"y\"\n      list:\n        dtype: \"int\"\n", "'x.y[]': 'int' is not a known dtype")]
    public void Validate_MalformedFeatureEntries_AreRejected(string features, string problem)
    {
        var card = $"---\nlicense: \"mit\"\npretty_name: \"x\"\ntask_categories:\n- \"text-generation\"\nsize_categories:\n- \"n<1K\"\ntags: []\n"
            + "configs:\n- config_name: \"c\"\n  data_files:\n  - split: \"train\"\n    path: \"data/c/train-*.jsonl\"\n"
            + $"dataset_info:\n- config_name: \"c\"\n  features:\n{features}  splits:\n  - name: \"train\"\n    num_examples: 1\n---\n";

        var errors = DatasetCardValidator.Validate(card);

        errors.ShouldContain(e => e.StartsWith("dataset_info 'c': features", StringComparison.Ordinal) && e.Contains(problem, StringComparison.Ordinal), string.Join("\n", errors));
    }

    [Fact]
    public void Validate_NestedFeatureSyntax_IsAccepted()
    {
        const string features = "  - name: \"a\"\n    list:\n      list: \"int64\"\n  - name: \"b\"\n    struct:\n    - name: \"c\"\n      list:\n      - name: \"d\"\n        dtype: \"null\"\n";
        var card = "---\nlicense: \"mit\"\npretty_name: \"x\"\ntask_categories:\n- \"text-generation\"\nsize_categories:\n- \"n<1K\"\ntags: []\n"
            + "configs:\n- config_name: \"c\"\n  data_files:\n  - split: \"train\"\n    path: \"data/c/train-*.jsonl\"\n"
            + $"dataset_info:\n- config_name: \"c\"\n  features:\n{features}  splits:\n  - name: \"train\"\n    num_examples: 1\n---\n";

        DatasetCardValidator.Validate(card).ShouldBeEmpty();
        DatasetCardValidator.Features(card, "c")!.ToString().ShouldBe("struct<a: list<list<int64>>, b: struct<c: list<struct<d: null>>>>");
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0);
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }

}
