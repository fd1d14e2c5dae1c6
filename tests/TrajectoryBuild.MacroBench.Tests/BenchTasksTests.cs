using System.Security.Cryptography;
using System.Text;
using TrajectoryBuild.MacroBench.Pipeline;

namespace TrajectoryBuild.MacroBench.Tests;

public sealed class BenchTasksTests
{
    [Fact]
    public void Read_StreamsTheTaskFile_RowsAcrossReadsAndLongerThanTheBuffer_AsTheWholeFileGives()
    {
        // Rows that straddle the reader's 1 MB reads, one of 3 MB (longer than its buffer), an empty line, and a last
        // row without its newline: each row's digest and the file's are those of the bytes, as when it was read whole.
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "tasks.jsonl");
        var rows = Enumerable.Range(0, 900).Select(i =>
            $$"""{"instance_id":"org__p-{{i}}","repo":"org/p","base_commit":"{{i:x40}}","problem_statement":"{{new string('x', i == 450 ? 3 << 20 : 1000 + (i * 7 % 3000))}}"}""").ToList();
        var text = string.Join("\n", rows.Take(300)) + "\n\n" + string.Join("\n", rows.Skip(300));
        File.WriteAllText(path, text);

        var read = BenchTasks.Read("bench", path);

        var bytes = File.ReadAllBytes(path);
        read.FileDigest.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        read.Tasks.Count.ShouldBe(900);
        read.Tasks.Select(t => t.InstanceId).ShouldBe(Enumerable.Range(0, 900).Select(i => $"org__p-{i}"));
        read.Tasks.Select(t => t.RowDigest).ShouldBe(rows.Select(r => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(r)))));
        read.Tasks[450].Commit.ShouldBe($"{450:x40}");
    }
}
