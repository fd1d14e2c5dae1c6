using System.Buffers.Binary;

namespace TrajectoryBuild.MacroBench.Inputs;

/// <summary>Austin Appleby's MurmurHash64A with ninja's seed: the command hash of a <c>.ninja_log</c> entry.</summary>
internal static class MurmurHash64A
{
    private const ulong Seed = 0xDECAFBADDECAFBADUL;
    private const ulong M = 0xc6a4a7935bd1e995UL;
    private const int R = 47;

    public static ulong Hash(ReadOnlySpan<byte> data)
    {
        var h = Seed ^ ((ulong)data.Length * M);
        while (data.Length >= 8)
        {
            var k = BinaryPrimitives.ReadUInt64LittleEndian(data);
            k *= M;
            k ^= k >> R;
            k *= M;
            h ^= k;
            h *= M;
            data = data[8..];
        }

        if (data.Length > 0)
        {
            for (var i = data.Length - 1; i >= 0; i--)
            {
                h ^= (ulong)data[i] << (8 * i);
            }

            h *= M;
        }

        h ^= h >> R;
        h *= M;
        h ^= h >> R;
        return h;
    }
}
