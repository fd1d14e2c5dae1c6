using System.Security.Cryptography;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Packaging.Tests.Output;

public sealed class OutputFilesTests
{
    [Fact]
    public async Task WriteAsync_ThroughAStream_DescribesTheFileAsTheWholeBytesWould()
    {
        using var temp = new TempDirectory();
        var bytes = new byte[(3 << 20) + 17];
        new Random(5).NextBytes(bytes);

        var whole = await OutputFiles.WriteAsync(temp.Path, "a/whole.bin", bytes, 7, TestContext.Current.CancellationToken);
        var streamed = await OutputFiles.WriteAsync(
            temp.Path,
            "a/streamed.bin",
            7,
            async (stream, token) =>
            {
                stream.Position.ShouldBe(0);
                stream.Write(bytes.AsSpan(0, 10));
                await stream.WriteAsync(bytes.AsMemory(10, 1 << 20), token);
                stream.Write(bytes, 10 + (1 << 20), bytes.Length - 10 - (1 << 20));
                stream.Position.ShouldBe(bytes.Length);
            },
            TestContext.Current.CancellationToken);

        streamed.ShouldBe(whole with { Path = "a/streamed.bin" });
        Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(temp.Combine("a/streamed.bin"), TestContext.Current.CancellationToken))).ShouldBe(streamed.Sha256);
    }

    [Fact]
    public async Task WriteAsync_WriterFails_RethrowsItsException()
    {
        using var temp = new TempDirectory();

        var thrown = await Should.ThrowAsync<InvalidDataException>(() => OutputFiles.WriteAsync(
            temp.Path, "f.bin", 0, (stream, token) => throw new InvalidDataException("bad row"), TestContext.Current.CancellationToken));

        thrown.Message.ShouldBe("bad row");
    }
}
