using TrajectoryBuild.Cache;
using TrajectoryBuild.State;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Tests.State;

public sealed class LockFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Dictionary<string, OutputFile> Outputs(params string[] names) =>
        names.ToDictionary(n => n, n => new OutputFile(new string(n[0], 64), 1));

    [Fact]
    public void ToBytes_AnyInsertionOrder_IsSortedAndStable()
    {
        var a = LockFile.Empty();
        a.Set("Reproduce/t2", new string('2', 64), Outputs("b.json", "a.json"));
        a.Set("Mine/demo", new string('1', 64), Outputs("x"));
        var b = LockFile.Empty();
        b.Set("Mine/demo", new string('1', 64), Outputs("x"));
        b.Set("Reproduce/t2", new string('2', 64), Outputs("a.json", "b.json"));

        a.ToString().ShouldBe(b.ToString());
        a.ToString().ShouldBe("""
            {
              "lockVersion": 1,
              "targets": {
                "Mine/demo": {
                  "key": "1111111111111111111111111111111111111111111111111111111111111111",
                  "outputs": {
                    "x": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                  }
                },
                "Reproduce/t2": {
                  "key": "2222222222222222222222222222222222222222222222222222222222222222",
                  "outputs": {
                    "a.json": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                    "b.json": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                  }
                }
              }
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WhatWasWritten_RoundTrips()
    {
        var path = _temp.Combine("datasets.lock");
        var lockFile = LockFile.Empty();
        lockFile.Set("Mine/demo", new string('1', 64), Outputs("x"));
        File.WriteAllBytes(path, lockFile.ToBytes());

        LockFile.Read(path).ToString().ShouldBe(lockFile.ToString());
    }

    [Fact]
    public void Read_MergeConflictMarkers_SaysHowToRecover()
    {
        var path = _temp.Combine("datasets.lock");
        File.WriteAllText(path, "{\n<<<<<<< HEAD\n");

        var error = Should.Throw<InvalidDataException>(() => LockFile.Read(path));

        error.Message.ShouldStartWith($"{path}:2:1: error: the lock file is not valid JSON");
        error.Message.ShouldContain("hint: it is generated; resolve merge conflicts by deleting it and running a build");
    }

    [Theory]
    [InlineData("[]", "not a version 1 lock file")]
    [InlineData("{\"lockVersion\": 2, \"targets\": {}}", "not a version 1 lock file")]
    [InlineData("{\"lockVersion\": \"1\", \"targets\": {}}", "not a version 1 lock file")]
    [InlineData("{\"lockVersion\": 1}", "not a version 1 lock file")]
    [InlineData("{\"lockVersion\": 1, \"targets\": []}", "not a version 1 lock file")]
    [InlineData("{\"lockVersion\": 1, \"targets\": {\"Mine/a\": 5}}", "entry 'Mine/a' lacks 'key' or 'outputs'")]
    [InlineData("{\"lockVersion\": 1, \"targets\": {\"Mine/a\": {\"key\": 5, \"outputs\": {}}}}", "entry 'Mine/a' lacks 'key' or 'outputs'")]
    [InlineData("{\"lockVersion\": 1, \"targets\": {\"Mine/a\": {\"key\": \"k\", \"outputs\": {\"x\": 1}}}}", "output 'x' of entry 'Mine/a' is not a digest string")]
    public void Read_WrongShape_SaysWhatIsWrongAndHowToRecover(string text, string problem)
    {
        var path = _temp.Combine("datasets.lock");
        File.WriteAllText(path, text);

        var error = Should.Throw<InvalidDataException>(() => LockFile.Read(path));

        error.Message.ShouldStartWith($"{path}: error: {problem}");
        error.Message.ShouldContain("hint: delete");
    }

    [Fact]
    public void Read_FieldsInAnyOrderAndUnknownFields_ReadsTheEntries()
    {
        var path = _temp.Combine("datasets.lock");
        File.WriteAllText(path, """
            {"note": {"a": [1, 2]}, "targets": {"Mine/a": {"outputs": {"x": "d1"}, "extra": [{}], "key": "k1"}}, "lockVersion": 1}
            """);

        var entry = LockFile.Read(path).Get("Mine/a").ShouldNotBeNull();

        entry.Key.ShouldBe("k1");
        entry.Outputs.ShouldBe(new Dictionary<string, string> { ["x"] = "d1" });
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentWriters_KeepEveryUpdate()
    {
        var path = _temp.Combine("datasets.lock");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(
            () => LockFile.UpdateAsync(path, path + ".guard", l => l.Set($"Mine/s{i:D2}", new string('a', 64), Outputs("o")), TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken)));

        LockFile.Read(path).Entries.Count.ShouldBe(20);
    }
}
