using System.Text;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Packaging.Tests.Output;

public sealed class RowSpillTests
{
    [Fact]
    public void Append_ManySmallFiles_KeepsOneFileOpenPerSplit_AndAReaderOne_AndReadsEachRowBack()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "counts this process's open files in /proc/self/fd");
        using var temp = new TempDirectory();
        var places = new List<(RowSpill.RowPlace Place, byte[] Row)>();
        using (var spill = RowSpill.Open(temp.Path, rowsPerFile: 2, hash: true))
        {
            for (var i = 0; i < 3000; i++)
            {
                var row = Encoding.UTF8.GetBytes($$"""{"id":{{i}}}""");
                places.Add((spill.Append(i % 2 == 0 ? "train" : "test", row), row));
            }

            OpenUnder(temp.Path).ShouldBe(2);
            spill.Seal();
            OpenUnder(temp.Path).ShouldBe(0);

            using (var reader = spill.OpenReader())
            {
                foreach (var (place, row) in places)
                {
                    var read = new byte[row.Length];
                    reader.Read(place, read);
                    read.ShouldBe(row);
                }

                OpenUnder(temp.Path).ShouldBe(1);
            }

            OpenUnder(temp.Path).ShouldBe(0);
            Directory.GetFiles(temp.Path).Length.ShouldBe(1500);
        }

        Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Keep_RenamesTheFileAsAShardWithTheDigestOfItsBytes_WhileAReaderStillReadsIt()
    {
        using var temp = new TempDirectory();
        byte[][] rows = ["{\"a\":1}"u8.ToArray(), Encoding.UTF8.GetBytes("{\"a\":\"é\\n\"}"), "{}"u8.ToArray()];
        WrittenFile kept;
        using (var spill = RowSpill.Open(temp.Path, rowsPerFile: 2, hash: true))
        {
            var places = rows.Select(r => spill.Append("train", r)).ToList();
            spill.Seal();
            using var reader = spill.OpenReader();
            var first = new byte[rows[0].Length];
            reader.Read(places[0], first);

            Should.Throw<InvalidOperationException>(() => spill.Keep(places[0], 3, "data/c/train-00000-of-00001.jsonl"));
            kept = spill.Keep(places[0], 2, "data/c/train-00000-of-00002.jsonl");

            var second = new byte[rows[1].Length];
            reader.Read(places[1], second);
            second.ShouldBe(rows[1]);
            using var another = spill.OpenReader();
            another.Read(places[0], first);
            first.ShouldBe(rows[0]);
        }

        var bytes = await File.ReadAllBytesAsync(temp.Combine(kept.Path), TestContext.Current.CancellationToken);
        Encoding.UTF8.GetString(bytes).ShouldBe("{\"a\":1}\n{\"a\":\"é\\n\"}\n");
        kept.ShouldBe(new WrittenFile("data/c/train-00000-of-00002.jsonl", OutputFiles.Sha256(bytes), bytes.LongLength, 2));
        Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.Path, f).Replace('\\', '/'))
            .ShouldBe(["data/c/train-00000-of-00002.jsonl"]);
    }

    [Fact]
    public void Keep_WithoutAHash_IsRefused()
    {
        using var temp = new TempDirectory();
        using var spill = RowSpill.Open(temp.Path, rowsPerFile: 2, hash: false);
        var place = spill.Append("train", "{}"u8.ToArray());
        spill.Seal();

        Should.Throw<InvalidOperationException>(() => spill.Keep(place, 1, "data/c/train-00000-of-00001.jsonl"));
    }

    // How many of this process's open files are under the folder.
    private static int OpenUnder(string folder)
    {
        var prefix = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith(prefix, StringComparison.Ordinal))
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // Closed while listed.
            }
        }

        return count;
    }
}
