using System.Text.Json.Nodes;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Tests.Manifest;

/// A manifest that passed the schema is not validated against it again while it, the schema and the program stay.
public sealed class SchemaMemoTests : IDisposable
{
    private const string Valid = Manifests.UsesDjango3;

    private const string Django = """
        base: {suite: bookworm}
        test:
          command: ./tests/runtests.py
          parser: django
        """;

    // The valid manifest with a key the schema does not allow (and nothing else checks).
    private const string UnknownKey = Valid + "\nsurprise: 1\n";

    private readonly TempDirectory _temp = new();

    private string ManifestPath => _temp.Combine("datasets.yaml");

    private string StateDirectory => _temp.Combine(".trajbuild");

    private string MemoPath => Path.Combine(StateDirectory, SchemaMemo.FileName);

    public SchemaMemoTests() => WriteEnvironment(Django);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AValidManifest_IsKept_WithItsEnvironmentFile_AndLoadsTheSameFromTheMemo()
    {
        File.WriteAllText(ManifestPath, Valid);

        var first = ManifestLoader.Load(ManifestPath, new SchemaMemo(StateDirectory));
        var kept = File.ReadAllLines(MemoPath);
        var second = ManifestLoader.Load(ManifestPath, new SchemaMemo(StateDirectory));

        first.Errors.ShouldBeEmpty(string.Join("\n", first.Errors));
        kept.Length.ShouldBe(2);
        kept.ShouldContain(SchemaMemo.KeyOf(null, Root(Valid)));
        second.Errors.ShouldBeEmpty();
        second.Document!.Root.ToJsonString().ShouldBe(first.Document!.Root.ToJsonString());
        File.ReadAllLines(MemoPath).ShouldBe(kept);
    }

    [Fact]
    public void TheMemo_IsWhatSkipsTheSchema()
    {
        // A memo that (wrongly) holds a manifest with a schema error: only a loader that consults it misses the error.
        File.WriteAllText(ManifestPath, UnknownKey);
        Forge(SchemaMemo.KeyOf(null, Root(UnknownKey)));

        var withMemo = ManifestLoader.Load(ManifestPath, new SchemaMemo(StateDirectory));
        var without = ManifestLoader.Load(ManifestPath);

        withMemo.Errors.ShouldBeEmpty();
        without.Errors.ShouldHaveSingleItem().Message.ShouldContain("surprise");
    }

    [Fact]
    public void AnEnvironmentFileInTheMemo_IsNotValidatedAgain()
    {
        const string Unknown = Django + "\nsurprise: 1\n";
        WriteEnvironment(Unknown);
        File.WriteAllText(ManifestPath, Valid);
        Forge(SchemaMemo.KeyOf("environment", Root(Unknown)));

        ManifestLoader.Load(ManifestPath, new SchemaMemo(StateDirectory)).Errors.ShouldBeEmpty();
        ManifestLoader.Load(ManifestPath).Errors.ShouldHaveSingleItem().File.ShouldEndWith("django-3.yaml");
    }

    [Fact]
    public void AManifestWithErrors_IsNotKept_AndAnEditAfterAValidOneIsValidatedAgain()
    {
        File.WriteAllText(ManifestPath, Valid);
        ManifestLoader.Load(ManifestPath, new SchemaMemo(StateDirectory)).Errors.ShouldBeEmpty();
        var kept = File.ReadAllLines(MemoPath);
        File.WriteAllText(ManifestPath, UnknownKey);

        var edited = ManifestLoader.Load(ManifestPath, new SchemaMemo(StateDirectory));

        edited.Errors.ShouldHaveSingleItem().Message.ShouldContain("surprise");
        File.ReadAllLines(MemoPath).ShouldBe(kept);
    }

    [Fact]
    public void AManifestThatFailsAnotherCheck_KeepsNothing()
    {
        // The schema passes, an undefined environment does not: the command fails, and writes no state.
        File.WriteAllText(ManifestPath, Valid.Replace("environments: [django-3]", "environments: [django-4]", StringComparison.Ordinal));

        var loaded = ManifestLoader.Load(ManifestPath, new SchemaMemo(StateDirectory));

        loaded.Errors.ShouldHaveSingleItem().Message.ShouldContain("django-4");
        Directory.Exists(StateDirectory).ShouldBeFalse();
    }

    [Fact]
    public void TheMemo_KeepsTheNewestDocuments_AndIgnoresLinesThatAreNoDigests()
    {
        var memo = new SchemaMemo(StateDirectory);
        var keys = Enumerable.Range(0, SchemaMemo.Kept + 8).Select(i => SchemaMemo.KeyOf(null, new JsonObject { ["n"] = i })).ToList();
        foreach (var key in keys)
        {
            memo.Passed(key);
            memo.Keep();
        }

        File.ReadAllLines(MemoPath).ShouldBe(keys[8..]);
        File.AppendAllText(MemoPath, "not a digest\n\n" + new string('A', 64) + "\n");
        var reread = new SchemaMemo(StateDirectory);
        reread.Contains(keys[^1]).ShouldBeTrue();
        reread.Contains(keys[7]).ShouldBeFalse();
        reread.Contains(new string('A', 64)).ShouldBeFalse();
    }

    [Fact]
    public void AMemoThatCannotBeWritten_IsNoMemo()
    {
        // The state folder's place is taken by a file: nothing can be kept, and loading works as without a memo.
        File.WriteAllText(StateDirectory, "in the way");
        File.WriteAllText(ManifestPath, Valid);

        var loaded = ManifestLoader.Load(ManifestPath, new SchemaMemo(StateDirectory));

        loaded.Errors.ShouldBeEmpty();
        File.ReadAllText(StateDirectory).ShouldBe("in the way");
        Directory.GetFiles(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe([".trajbuild", "datasets.yaml"]);
    }

    [Fact]
    public void TheKey_NamesThePartOfTheSchema()
    {
        var root = new JsonObject { ["base"] = new JsonObject { ["suite"] = "bookworm" } };

        SchemaMemo.KeyOf("environment", root).ShouldNotBe(SchemaMemo.KeyOf(null, root));
        SchemaMemo.KeyOf(null, root).ShouldBe(SchemaMemo.KeyOf(null, (JsonObject)root.DeepClone()));
    }

    private void Forge(string key)
    {
        var memo = new SchemaMemo(StateDirectory);
        memo.Passed(key);
        memo.Keep();
    }

    private static JsonObject Root(string yaml)
    {
        var read = new YamlJsonReader("x.yaml").Read(yaml);
        return read.Root.ShouldNotBeNull();
    }

    private void WriteEnvironment(string text)
    {
        var path = _temp.Combine("pipelines", "environments", "django-3.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
