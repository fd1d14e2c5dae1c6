using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Packaging.Tests.Output;

public sealed class ProvenanceTests
{
    private static readonly string s_sha = new('a', 64);

    private static ProvenanceOptions Options()
    {
        RecordProvenance[] records =
        [
            new("acme__alpha-1", "acme/alpha", new string('1', 40), "sha256:" + new string('B', 64), new string('c', 64), new string('d', 64), "reference@1.0.0", "gpt-x"),
            new("acme__alpha-2", "acme/alpha", new string('1', 40), "sha256:" + new string('b', 64), new string('c', 64), new string('e', 64), "reference@1.0.0", "gpt-x"),
        ];
        var dependencies = Dependencies.FromRecords(records)
            .Append(Dependencies.SourceSnapshot("demo-source", "sha256:" + s_sha))
            .Append(Dependencies.AnnotationExport("labels.jsonl", s_sha))
            .ToList();
        return new ProvenanceOptions("https://github.com/acme/trajectorybuild", "1.2.0", new Dictionary<string, string> { ["dataset"] = "demo" }, dependencies);
    }

    private static async Task<(string Statement, List<WrittenFile> Files)> BuildAsync(string root)
    {
        var set = await OutputFixture.WriteAsync(root);
        var files = set.Shards.Select(s => s.File).ToList();
        files.Add(await OutputFiles.WriteTextAsync(root, DatasetCard.FileName, DatasetCard.Render(OutputFixture.Card(), [set]), TestContext.Current.CancellationToken));
        return (Provenance.Render(files, Options()), files);
    }

    [Fact]
    public async Task Render_Statement_IsValidAndNamesEveryFile()
    {
        using var temp = new TempDirectory();

        var (statement, files) = await BuildAsync(temp.Path);

        ProvenanceValidator.Validate(statement).ShouldBeEmpty();
        using var document = JsonDocument.Parse(statement);
        var subjects = document.RootElement.GetProperty("subject").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("digest").GetProperty("sha256").GetString());
        subjects.Count.ShouldBe(files.Count);
        files.ShouldAllBe(f => subjects[f.Path] == f.Sha256);
        var dependencies = document.RootElement.GetProperty("predicate").GetProperty("buildDefinition").GetProperty("resolvedDependencies").EnumerateArray().ToList();
        dependencies.Select(d => d.TryGetProperty("uri", out var uri) ? uri.GetString() : null).ShouldContain($"git+https://github.com/acme/alpha@{new string('1', 40)}");
        dependencies.Count(d => d.GetProperty("annotations").GetProperty("kind").GetString() == "image").ShouldBe(1);
        dependencies.ShouldContain(d => d.GetProperty("annotations").GetProperty("kind").GetString() == "annotation-export");
        dependencies.ShouldContain(d => d.GetProperty("annotations").GetProperty("kind").GetString() == "scaffold");
        statement.ShouldNotContain("startedOn");
    }

    [Fact]
    public async Task Render_TwoDirectories_IdenticalStatement()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        var (a, _) = await BuildAsync(first.Path);
        var (b, _) = await BuildAsync(second.Path);

        b.ShouldBe(a);
    }

    [Theory]
    [InlineData("_type", "https://in-toto.io/Statement/v0.1", "_type")]
    [InlineData("predicateType", "https://slsa.dev/provenance/v0.2", "predicateType")]
    [InlineData("subject/0/digest/sha256", "ABC", "lowercase hex")]
    [InlineData("subject/0/digest/sha256", "abc", "hex digits, expected 64")]
    [InlineData("subject/1/name", "DUP", "not unique")]
    [InlineData("predicate/buildDefinition/buildType", "not a uri", "buildType")]
    [InlineData("predicate/runDetails/builder/id", null, "builder.id")]
    [InlineData("predicate/buildDefinition/resolvedDependencies/0/digest", null, "one of uri, digest or content")]
    public async Task Validate_BrokenStatement_Rejected(string path, string? value, string expected)
    {
        using var temp = new TempDirectory();
        var (statement, _) = await BuildAsync(temp.Path);
        var node = JsonNode.Parse(statement)!;
        if (path == "subject/1/name")
        {
            node["subject"]![1]!["name"] = node["subject"]![0]!["name"]!.GetValue<string>();
        }
        else
        {
            Set(node, path, value);
        }

        if (path.EndsWith("resolvedDependencies/0/digest", StringComparison.Ordinal))
        {
            node["predicate"]!["buildDefinition"]!["resolvedDependencies"]![0]!.AsObject().Remove("uri");
        }

        ProvenanceValidator.Validate(node.ToJsonString()).ShouldContain(e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UppercaseAlgorithm_Rejected()
    {
        var statement = """{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a","digest":{"SHA256":"SHA"}}],"predicateType":"https://slsa.dev/provenance/v1","predicate":{"buildDefinition":{"buildType":"https://x/y","externalParameters":{}},"runDetails":{"builder":{"id":"https://x/b"}}}}""".Replace("SHA\"", s_sha + "\"", StringComparison.Ordinal);

        ProvenanceValidator.Validate(statement).ShouldContain(e => e.Contains("must be lowercase", StringComparison.Ordinal));
    }

    private static void Set(JsonNode root, string path, string? value)
    {
        var parts = path.Split('/');
        var parent = root;
        foreach (var part in parts[..^1])
        {
            parent = int.TryParse(part, out var index) ? parent[index]! : parent[part]!;
        }

        if (value is null)
        {
            parent.AsObject().Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = value;
        }
    }
}
