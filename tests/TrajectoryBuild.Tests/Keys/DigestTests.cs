using System.Security.Cryptography;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Tests.Keys;

public sealed class DigestTests
{
    // OfFile reads a megabyte at a time: sizes on either side of the read's edges.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData((1 << 20) - 1)]
    [InlineData(1 << 20)]
    [InlineData((3 << 20) + 7)]
    public async Task OfFile_IsTheSha256OfTheFilesBytes(int size)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "data.bin");
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        var expected = Convert.ToHexStringLower(SHA256.HashData(bytes));
#pragma warning disable xUnit1051 // the overload without a token is the one under test here
        Digest.OfFile(path).ShouldBe(expected);
#pragma warning restore xUnit1051
        Digest.OfFile(path, TestContext.Current.CancellationToken).ShouldBe(expected);
        await using var stream = File.OpenRead(path);
        (await Digest.OfStreamAsync(stream, TestContext.Current.CancellationToken)).ShouldBe(expected);
    }

    [Fact]
    public void OfFile_StopsWhenCancelled()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "data.bin");
        File.WriteAllBytes(path, new byte[3 << 20]);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Should.Throw<OperationCanceledException>(() => Digest.OfFile(path, cancelled.Token));
    }
}
