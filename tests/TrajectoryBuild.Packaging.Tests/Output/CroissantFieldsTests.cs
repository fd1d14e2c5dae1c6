using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Packaging.Corpora;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Packaging.Tests.Output;

/// <summary>
/// The fields of <c>croissant.json</c> against the files each record set reads, with rows from the corpus builders: a
/// JSONL-only config declares the nested types its rows have (<c>subField</c>, <c>isArray</c> + <c>arrayShape</c>, one
/// <c>jsonPath</c> transform per key) and leaves out positions with no fixed type, naming them; a Parquet config declares
/// its columns, nested ones as JSON text (<c>sc:Text</c>); and the validator rejects metadata that lies about the files.
/// </summary>
public sealed class CroissantFieldsTests
{
    private static readonly CroissantOptions s_options = new("demo", "Demo.", "mit", "1.2.0", null, null);

    private const string Tools = "list<struct<type: string, function: struct<name: string, description: string, parameters: struct<type: string>>>>";

    private static readonly JsonSerializerOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [MemberData(nameof(CorpusShards.JsonlShapes), MemberType = typeof(CorpusShards))]
    public async Task Render_JsonlOnly_DeclaresTheNestedTypesTheRowsHave_AndTheFilesValidate(CorpusFormat format, string expected)
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, format, ShardFileFormat.Jsonl);

        var croissant = Croissant.Render(s_options, [set]);

        CroissantValidator.Fields(croissant, set.Config)!.ToString().ShouldBe(expected.Replace("P>", CorpusShards.Provenance + ">", StringComparison.Ordinal));
        CroissantValidator.Fields(croissant, set.Config).ShouldBe(Croissant.Declarable(ShardFeature.Struct(set.Columns.Select(c => new KeyValuePair<string, ShardFeature>(c.Name, c.Shape!)))));
        (await CroissantValidator.ValidateAsync(croissant, temp.Path, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Render_JsonlOnly_WritesSubFieldsArraysAndJsonPathsAsTheHubDoes()
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, CorpusFormat.ShareGpt, ShardFileFormat.Jsonl);

        var fields = RecordSet(Croissant.Render(s_options, [set]), "sharegpt")["field"]!.AsArray();

        // A list of objects: one field with isArray, an arrayShape of -1, and a subField per key that reads the column
        // and walks down with jsonPath (applied to every item of the list).
        fields.Single(f => (string?)f!["@id"] == "sharegpt/conversations")!.ToJsonString(s_compact).ShouldBe(
            """
            {"@type":"cr:Field","@id":"sharegpt/conversations","name":"sharegpt/conversations","description":"Column from the JSONL rows.","isArray":true,"arrayShape":"-1","subField":[{"@type":"cr:Field","@id":"sharegpt/conversations/from","name":"sharegpt/conversations/from","description":"Key 'from' of the objects in 'sharegpt/conversations'.","dataType":"sc:Text","source":{"fileSet":{"@id":"sharegpt-jsonl-files"},"extract":{"column":"conversations"},"transform":{"jsonPath":"from"}}},{"@type":"cr:Field","@id":"sharegpt/conversations/value","name":"sharegpt/conversations/value","description":"Key 'value' of the objects in 'sharegpt/conversations'.","dataType":"sc:Text","source":{"fileSet":{"@id":"sharegpt-jsonl-files"},"extract":{"column":"conversations"},"transform":{"jsonPath":"value"}}}]}
            """);
        var system = fields.Single(f => (string?)f!["@id"] == "sharegpt/system")!;
        system["dataType"]!.GetValue<string>().ShouldBe("sc:Text");
        system["source"]!["extract"]!["column"]!.GetValue<string>().ShouldBe("system");
        system.AsObject().ContainsKey("transform").ShouldBeFalse();
    }

    [Fact]
    public async Task Render_JsonlOnly_ListOfValues_IsAnArrayField()
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, CorpusFormat.Prm, ShardFileFormat.Jsonl);

        var labels = RecordSet(Croissant.Render(s_options, [set]), "prm")["field"]!.AsArray().Single(f => (string?)f!["@id"] == "prm/labels")!;

        labels["dataType"]!.GetValue<string>().ShouldBe("sc:Boolean");
        labels["isArray"]!.GetValue<bool>().ShouldBeTrue();
        labels["arrayShape"]!.GetValue<string>().ShouldBe("-1");
        labels["source"]!["extract"]!["column"]!.GetValue<string>().ShouldBe("labels");
    }

    [Theory]
    [InlineData(CorpusFormat.OpenAi, "struct<tools: T, provenance: P>", "`messages[]` (objects with different keys)")]
    [InlineData(CorpusFormat.Dpo, "struct<prompt: list<struct<role: string, content: string>>, tools: T, provenance: struct<chosen: P, rejected: P, pairing_rule: string>>",
        "`chosen[]` (objects with different keys), `rejected[]` (objects with different keys)")]
    [InlineData(CorpusFormat.Kto, "struct<prompt: list<struct<role: string, content: string>>, label: bool, tools: T, provenance: P>", "`completion[]` (objects with different keys)")]
    public async Task Render_JsonlOnly_PositionsWithNoFixedType_AreLeftOutAndNamed(CorpusFormat format, string expected, string named)
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, format, ShardFileFormat.Jsonl);

        var croissant = Croissant.Render(s_options, [set]);

        // No Croissant dataType means "any JSON" (sc:Text would be read as a string; mlcroissant casts it with str()), and
        // a union of keys would declare keys most objects lack: the field is left out and the description says why.
        CroissantValidator.Fields(croissant, set.Config)!.ToString().ShouldBe(expected
            .Replace("P,", CorpusShards.Provenance + ",", StringComparison.Ordinal).Replace("P>", CorpusShards.Provenance + ">", StringComparison.Ordinal).Replace("T,", Tools + ",", StringComparison.Ordinal));
        RecordSet(croissant, set.Config)["description"]!.GetValue<string>()
            .ShouldBe($"The records of the {set.Config} config. Not declared, since no Croissant type fits their values in the JSONL rows: {named}.");
        (await CroissantValidator.ValidateAsync(croissant, temp.Path, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(CorpusShards.ParquetColumns), MemberType = typeof(CorpusShards))]
    public async Task Render_ParquetAndJsonl_ReadsParquet_NestedColumnsAsJsonText(CorpusFormat format, string expected)
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, format, ShardFileFormat.Parquet, ShardFileFormat.Jsonl);

        var croissant = Croissant.Render(s_options, [set]);

        CroissantValidator.Fields(croissant, set.Config)!.ToString().ShouldBe(expected);
        var fields = RecordSet(croissant, set.Config)["field"]!.AsArray();
        fields.ShouldAllBe(f => (string?)f!["source"]!["fileSet"]!["@id"] == $"{set.Config}-parquet-files");
        fields.ShouldAllBe(f => f!["subField"] == null && f["isArray"] == null);
        (await CroissantValidator.ValidateAsync(croissant, temp.Path, TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ValidateAsync_NestedJsonlColumnTypedAsText_IsRejected()
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, CorpusFormat.ShareGpt, ShardFileFormat.Jsonl);
        var croissant = Croissant.Render(s_options, [set]);

        // What croissant.json said before: the JSONL column as compact JSON text.
        var lie = Mutate(croissant, "sharegpt", "sharegpt/conversations", _ => JsonNode.Parse(
            """{"@type":"cr:Field","@id":"sharegpt/conversations","name":"sharegpt/conversations","description":"Column holding compact JSON text.","dataType":"sc:Text","source":{"fileSet":{"@id":"sharegpt-jsonl-files"},"extract":{"column":"conversations"}}}""")!);

        CroissantValidator.Validate(lie).ShouldBeEmpty("the mutated metadata is well-formed; only the files show it is wrong");
        var errors = await CroissantValidator.ValidateAsync(lie, temp.Path, TestContext.Current.CancellationToken);
        errors.ShouldContain(e => e.Contains("'conversations' is an array, declared sc:Text", StringComparison.Ordinal), string.Join("\n", errors));
    }

    [Theory]
    [InlineData("prm/labels", "dataType", "sc:Text", "'labels[0]' is a boolean, declared sc:Text")]
    [InlineData("prm/completions", "isArray", null, "'completions' is an array, declared sc:Text")]
    public async Task ValidateAsync_JsonlFieldDeclaringWhatTheRowsDoNotHave_IsRejected(string id, string key, string? value, string problem)
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, CorpusFormat.Prm, ShardFileFormat.Jsonl);
        var croissant = Croissant.Render(s_options, [set]);

        var lie = Mutate(croissant, "prm", id, field =>
        {
            field.AsObject().Remove(key);
            field.AsObject().Remove(key == "isArray" ? "arrayShape" : "none");
            if (value is not null)
            {
                field[key] = value;
            }

            return field;
        });

        var errors = await CroissantValidator.ValidateAsync(lie, temp.Path, TestContext.Current.CancellationToken);
        errors.ShouldContain(e => e.Contains(problem, StringComparison.Ordinal), string.Join("\n", errors));
    }

    [Fact]
    public async Task ValidateAsync_ParquetColumnDeclaredAsItsJsonShape_IsRejected()
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, CorpusFormat.Prm, ShardFileFormat.Parquet, ShardFileFormat.Jsonl);
        var croissant = Croissant.Render(s_options, [set]);

        // labels is list<bool> in the JSONL rows, but the record set reads Parquet, where it is the JSON text.
        var lie = Mutate(croissant, "prm", "prm/labels", field =>
        {
            field["dataType"] = "sc:Boolean";
            field["isArray"] = true;
            field["arrayShape"] = "-1";
            return field;
        });

        var errors = await CroissantValidator.ValidateAsync(lie, temp.Path, TestContext.Current.CancellationToken);
        errors.ShouldContain(e => e.Contains("column 'labels' is Parquet string, declared an array (isArray)", StringComparison.Ordinal), string.Join("\n", errors));
    }

    [Theory]
    [InlineData("""{"isArray":true,"arrayShape":"3"}""", "arrayShape '3' must be -1 per list level")]
    [InlineData("""{"arrayShape":"-1"}""", "arrayShape and isArray go together")]
    [InlineData("""{"dataType":"sc:Thing"}""", "dataType 'sc:Thing' is not sc:Text")]
    [InlineData("""{"transform":{"jsonPath":"$.from"}}""", "source.transform must be the jsonPath steps [from], found [$.from]")]
    public async Task Validate_MalformedJsonlSubField_IsRejected(string patch, string problem)
    {
        using var temp = new TempDirectory();
        var set = await CorpusShards.WriteAsync(temp.Path, CorpusFormat.ShareGpt, ShardFileFormat.Jsonl);
        var croissant = Croissant.Render(s_options, [set]);

        var lie = Mutate(croissant, "sharegpt", "sharegpt/conversations", field =>
        {
            var from = field["subField"]![0]!.AsObject();
            foreach (var (key, value) in JsonNode.Parse(patch)!.AsObject().ToList())
            {
                if (key == "transform")
                {
                    from["source"]![key] = value!.DeepClone();
                }
                else
                {
                    from[key] = value!.DeepClone();
                }
            }

            return field;
        });

        CroissantValidator.Validate(lie).ShouldContain(e => e.Contains(problem, StringComparison.Ordinal));
    }

    private static JsonObject RecordSet(string croissant, string id) =>
        JsonNode.Parse(croissant)!["recordSet"]!.AsArray().Single(r => (string?)r!["@id"] == id)!.AsObject();

    private static string Mutate(string croissant, string recordSet, string fieldId, Func<JsonNode, JsonNode> change)
    {
        var root = JsonNode.Parse(croissant)!;
        var fields = root["recordSet"]!.AsArray().Single(r => (string?)r!["@id"] == recordSet)!["field"]!.AsArray();
        var index = fields.Select((f, i) => (f, i)).Single(p => (string?)p.f!["@id"] == fieldId).i;
        var changed = change(fields[index]!.DeepClone());
        fields[index] = changed;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

}
