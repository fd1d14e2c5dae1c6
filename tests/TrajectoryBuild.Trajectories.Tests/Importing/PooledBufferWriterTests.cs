using System.Buffers;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.Trajectories.Tests.Importing;

public sealed class PooledBufferWriterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    [InlineData(5_000_000)]
    public void Written_FarPastTheFirstArray_AreTheBytesAnArrayBufferWriterGets(int length)
    {
        var text = string.Concat(Enumerable.Range(0, (length / 9) + 1).Select(i => $"é\"{i:D7}")).Remove(length);
        var expected = new ArrayBufferWriter<byte>();
        using var pooled = new PooledBufferWriter(16);

        foreach (var buffer in new IBufferWriter<byte>[] { expected, pooled })
        {
            using var writer = new Utf8JsonWriter(buffer);
            writer.WriteStartObject();
            writer.WriteString("text", text);
            writer.WriteNumber("n", length);
            writer.WriteEndObject();
        }

        pooled.WrittenMemory.ToArray().ShouldBe(expected.WrittenSpan.ToArray());
        pooled.WrittenCount.ShouldBe(expected.WrittenCount);
    }

    [Fact]
    public void Advance_PastWhatWasGiven_IsRefused()
    {
        using var pooled = new PooledBufferWriter(16);
        var given = pooled.GetSpan(8).Length;

        Should.Throw<ArgumentOutOfRangeException>(() => pooled.Advance(given + 1));
        Should.Throw<ArgumentOutOfRangeException>(() => pooled.Advance(-1));
    }
}
