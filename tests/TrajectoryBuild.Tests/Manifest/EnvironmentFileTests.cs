using System.Text.Json.Nodes;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Tests.Manifest;

/// Environments kept one per file in pipelines/environments/ beside the manifest.
public sealed class EnvironmentFileTests : IDisposable
{
    private const string Django = """
        base: {suite: bookworm}
        install:
          - pip install -e .
        test:
          command: ./tests/runtests.py
          parser: django
          timeout_seconds: 600
        repos: [django/django]
        versions: '>=3,<4'
        limits: {memory: 4g, pids: 512}
        """;

    private static readonly string s_environmentKeys = string.Join(", ", EmbeddedSchema.Definition("environment").Properties.Keys);

    private readonly TempDirectory _temp = new();

    [Fact]
    public void Load_EnvironmentFile_SameJsonAsTheSameEnvironmentInline()
    {
        WriteEnvironment("django-3.yaml", Django);
        var inline = Manifests.UsesDjango3 + "\nenvironments:\n  django-3:\n" + Indent(Django, "    ") + "\n";

        var fromFile = Load(Manifests.UsesDjango3);
        var fromInline = ManifestLoader.Parse(inline, "inline.yaml");

        fromInline.Errors.ShouldBeEmpty(string.Join("\n", fromInline.Errors));
        var expected = fromInline.Document!.Root["environments"]!["django-3"]!;
        var actual = fromFile.Document!.Root["environments"]!["django-3"]!;
        actual.ToJsonString().ShouldBe(expected.ToJsonString());
        JsonNode.DeepEquals(actual, expected).ShouldBeTrue();
        fromFile.Document.EnvironmentFiles.ShouldBe(new Dictionary<string, string> { ["django-3"] = "pipelines/environments/django-3.yaml" });
        fromInline.Document.EnvironmentFiles.ShouldBeEmpty();
    }

    [Fact]
    public void Load_DatasetAndTaskReferenceFileEnvironment_Validates()
    {
        WriteEnvironment("django-3.yml", Django);
        WriteEnvironment("sympy.yaml", "base: {suite: bullseye}\ntest: {command: bin/test, parser: sympy}\n");
        var yaml = Manifests.UsesDjango3.Replace("environments: [django-3]", "environments: [django-3, sympy]", StringComparison.Ordinal)
            + "\nenvironments:\n  py: {base: {suite: bookworm}, test: {command: pytest, parser: pytest}}\n";

        var result = Load(yaml);

        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors));
        result.Document!.Root["environments"]!.AsObject().Select(e => e.Key).ShouldBe(["py", "django-3", "sympy"]);
        result.Document.EnvironmentFiles.Keys.Order(StringComparer.Ordinal).ShouldBe(["django-3", "sympy"]);
        result.Document.EnvironmentFiles["django-3"].ShouldBe("pipelines/environments/django-3.yml");
    }

    [Fact]
    public void Load_NoEnvironmentsSection_CreatedForFileEnvironments()
    {
        WriteEnvironment("django-3.yaml", Django);

        var root = Load(Manifests.UsesDjango3).Document.ShouldNotBeNull().Root;

        root["environments"].ShouldBeOfType<JsonObject>().Select(e => e.Key).ShouldBe(["django-3"]);
    }

    [Fact]
    public void Load_ErrorsInEnvironmentFile_ReportedAtThatFilesLineAndColumn()
    {
        var path = WriteEnvironment("django-3.yaml", """
            base: {suite: bookworm}
            tset:
              command: pytest
            limits:
              memory: lots
            """);

        var errors = Load(Manifests.UsesDjango3).Errors;

        errors.Select(e => (e.File, e.Line, e.Column, e.Message)).ShouldBe([
            (path, 1, 1, "missing required key 'test' in the top-level mapping"),
            (path, 2, 1, "unknown key 'tset' in the top-level mapping"),
            (path, 5, 11, "'lots' is not in the expected form for /limits/memory"),
        ]);
        errors[0].Hint.ShouldBe("add 'test:' (How tests run and how their output is parsed.)");
        errors[1].Hint.ShouldBe($"did you mean 'test'? valid keys: {s_environmentKeys}");
        errors[2].Hint.ShouldNotBeNull().ShouldStartWith("Memory limit");
    }

    [Fact]
    public void Parse_WithBaseDirectory_NamesEnvironmentFilesRelativeToTheManifest()
    {
        WriteEnvironment("django-3.yaml", "base: {suite: bookworm}\ntest:\n  command: pytest\n  parser: pytst\n");

        var error = ManifestLoader.Parse(Manifests.UsesDjango3, "datasets.yaml", _temp.Path).Errors.ShouldHaveSingleItem();

        error.File.ShouldBe(Path.Combine("pipelines", "environments", "django-3.yaml"));
        (error.Line, error.Column).ShouldBe((4, 11));
        error.Message.ShouldBe("invalid value 'pytst' for /test/parser");
        error.Hint.ShouldNotBeNull().ShouldStartWith("did you mean 'pytest'?");
    }

    [Fact]
    public void Parse_WithoutBaseDirectory_LoadsNoEnvironmentFiles()
    {
        WriteEnvironment("django-3.yaml", Django);

        var errors = ManifestLoader.Parse(Manifests.UsesDjango3, Path.Combine(_temp.Path, "datasets.yaml")).Errors;

        errors.Count.ShouldBe(2);
        errors.ShouldAllBe(e => e.Message.StartsWith("undefined environment 'django-3'", StringComparison.Ordinal));
        errors[0].Hint.ShouldBe("no environments are defined: add 'django-3' under 'environments:' or as pipelines/environments/django-3.yaml");
    }

    [Fact]
    public void Load_EnvironmentDefinedInlineAndInFile_ErrorAtInlineDefinition()
    {
        WriteEnvironment("django-3.yaml", Django);
        var yaml = Manifests.UsesDjango3 + "\nenvironments:\n  py: {base: {suite: bookworm}, test: {command: pytest, parser: pytest}}\n  django-3: {base: {suite: bookworm}, test: {command: pytest, parser: pytest}}\n";

        var error = Load(yaml).Errors.ShouldHaveSingleItem();

        error.File.ShouldBe(ManifestPath);
        (error.Line, error.Column).ShouldBe((18, 3));
        error.Message.ShouldBe("environment 'django-3' is defined both here and in pipelines/environments/django-3.yaml");
        error.Hint.ShouldBe("keep one definition: remove this entry from 'environments:' or delete pipelines/environments/django-3.yaml");
    }

    [Theory]
    [InlineData("-django.yaml", "-django")]
    [InlineData("django 3.yaml", "django 3")]
    [InlineData(".yaml", "")]
    public void Load_FileStemNotAValidName_ErrorNamingTheFile(string fileName, string stem)
    {
        var path = WriteEnvironment(fileName, Django);

        var error = Load(Manifests.UsesDjango3).Errors.Where(e => e.File == path).ShouldHaveSingleItem();
        error.Line.ShouldBe(0);
        error.Message.ShouldBe($"'{stem}' is not a valid environment name (the name is the file name without its extension)");
        error.Hint.ShouldNotBeNull().ShouldStartWith("rename the file: names start with a letter or digit");
    }

    [Fact]
    public void Load_SameStemTwice_ErrorAtTheSecondFile()
    {
        WriteEnvironment("django-3.yaml", Django);
        var second = WriteEnvironment("django-3.yml", Django);

        var error = Load(Manifests.UsesDjango3).Errors.ShouldHaveSingleItem();

        error.File.ShouldBe(second);
        error.Message.ShouldBe("environment 'django-3' is also defined by pipelines/environments/django-3.yaml");
    }

    [Theory]
    [InlineData("", 1, 1, "the environment file is empty")]
    [InlineData("# only a comment\n", 1, 1, "the environment file is empty")]
    [InlineData("- image: python\n", 1, 1, "the top level of the environment file must be a mapping of keys, got a list")]
    [InlineData("\n\npython:3.11\n", 3, 1, "the top level of the environment file must be a mapping of keys, got the value 'python:3.11'")]
    public void Load_EmptyOrNonMappingFile_ErrorAndNoUndefinedReferences(string text, int line, int column, string message)
    {
        var path = WriteEnvironment("django-3.yaml", text);

        var error = Load(Manifests.UsesDjango3).Errors.ShouldHaveSingleItem();

        error.File.ShouldBe(path);
        (error.Line, error.Column, error.Message).ShouldBe((line, column, message));
        error.Hint.ShouldNotBeNull().ShouldEndWith($"valid keys: {s_environmentKeys}");
    }

    [Fact]
    public void Load_InvalidUtf8File_ErrorNamingTheEnvironmentFile()
    {
        var path = WriteEnvironment("django-3.yaml", string.Empty);
        File.WriteAllBytes(path, [.. "test: {command: py"u8, 0xC3, 0x28, .. "}\n"u8]);

        var error = Load(Manifests.UsesDjango3).Errors.ShouldHaveSingleItem();

        error.File.ShouldBe(path);
        (error.Line, error.Column).ShouldBe((1, 19));
        error.Message.ShouldBe("the environment file is not valid UTF-8 (byte 0xC3)");
    }

    [Fact]
    public void Load_UndefinedEnvironment_HintSuggestsFileEnvironments()
    {
        WriteEnvironment("django-3.yaml", Django);
        WriteEnvironment("sympy.yaml", "base: {suite: bullseye}\ntest: {command: bin/test, parser: sympy}\n");
        var yaml = Manifests.UsesDjango3.Replace("environments: [django-3]", "environments: [django3]", StringComparison.Ordinal);

        var error = Load(yaml).Errors.ShouldHaveSingleItem();

        (error.Line, error.Column).ShouldBe((13, 20));
        error.Message.ShouldBe("undefined environment 'django3' in /datasets/demo/environments/0");
        error.Hint.ShouldBe("did you mean 'django-3'? defined environments: django-3, sympy");
    }

    [Fact]
    public void Load_SeveralFiles_MergedAndReportedInOrdinalOrderOfFileNames()
    {
        string[] names = ["b.yaml", "a.yml", "B.yaml", "a-1.yaml", "a_1.yaml"];
        foreach (var name in names)
        {
            WriteEnvironment(name, "base: {suite: bookworm}\ntest: {command: pytest, parser: pytest}\n");
        }

        WriteEnvironment("notes.txt", "not an environment");
        Directory.CreateDirectory(_temp.Combine("pipelines", "environments", "nested.yaml"));
        string[] badNames = ["z.yaml", "Y.yaml", "x.yml"];
        var bad = badNames.Select(name => WriteEnvironment(name, "base: {suite: bookworm}\ntest: {}\n")).ToList();

        var result = Load(Manifests.UsesDjango3.Replace("[django-3]", "[a, b]", StringComparison.Ordinal).Replace("environment: django-3", "environment: B", StringComparison.Ordinal));
        bad.ForEach(File.Delete);
        var valid = Load(Manifests.UsesDjango3.Replace("[django-3]", "[a, b]", StringComparison.Ordinal).Replace("environment: django-3", "environment: B", StringComparison.Ordinal));

        result.Errors.Select(e => (Path.GetFileName(e.File), e.Message)).ShouldBe([
            ("Y.yaml", "missing required key 'command' in /test"),
            ("Y.yaml", "missing required key 'parser' in /test"),
            ("x.yml", "missing required key 'command' in /test"),
            ("x.yml", "missing required key 'parser' in /test"),
            ("z.yaml", "missing required key 'command' in /test"),
            ("z.yaml", "missing required key 'parser' in /test"),
        ]);
        valid.Errors.ShouldBeEmpty(string.Join("\n", valid.Errors));
        valid.Document!.Root["environments"]!.AsObject().Select(e => e.Key).ShouldBe(["B", "a-1", "a", "a_1", "b"]);
    }

    public void Dispose() => _temp.Dispose();

    private string ManifestPath => _temp.Combine("datasets.yaml");

    private ManifestLoadResult Load(string manifest)
    {
        File.WriteAllText(ManifestPath, manifest);
        return ManifestLoader.Load(ManifestPath);
    }

    private string WriteEnvironment(string fileName, string text)
    {
        var path = _temp.Combine("pipelines", "environments", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Indent(string text, string indent) =>
        string.Join('\n', text.Split('\n').Select(line => indent + line));
}
