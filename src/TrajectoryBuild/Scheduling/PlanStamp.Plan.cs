using System.Buffers.Binary;
using System.Text;
using TrajectoryBuild.Explain;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Scheduling;

// The kept plan's layout: its stages and upstream output names once each, then its targets in blocks, each prefixed
// with its length, so that a large plan (a no-op plan reads hundreds of thousands of targets back) is decoded on every
// core. A target: id, stage, key, fingerprint, work unit (when not its unit), upstream references as indices of earlier
// targets with their output names' indices.
internal sealed partial class PlanStamp
{
    private const int TargetsPerBlock = 8192;

    private static void WritePlan(BinaryWriter writer, PlanReport plan, UInt128[] fingerprints)
    {
        var stages = plan.Targets.Select(t => t.Stage).Distinct(StringComparer.Ordinal).ToList();
        var stageIndex = stages.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var outputs = plan.Targets.SelectMany(t => t.Upstream).Select(u => u.Output).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var outputIndex = outputs.Select((o, i) => (o, i)).ToDictionary(p => p.o, p => p.i, StringComparer.Ordinal);
        var targetIndex = new Dictionary<string, int>(plan.Targets.Count, StringComparer.Ordinal);
        writer.Write(stages.Count);
        stages.ForEach(writer.Write);
        writer.Write(outputs.Count);
        outputs.ForEach(writer.Write);
        writer.Write(plan.Targets.Count);
        var block = new MemoryStream();
        using var blockWriter = new BinaryWriter(block, Encoding.UTF8, leaveOpen: true);
        for (var start = 0; start < plan.Targets.Count; start += TargetsPerBlock)
        {
            block.SetLength(0);
            for (var i = start; i < Math.Min(start + TargetsPerBlock, plan.Targets.Count); i++)
            {
                var target = plan.Targets[i];
                targetIndex[target.TargetId] = i;
                blockWriter.Write(target.TargetId);
                blockWriter.Write7BitEncodedInt(stageIndex[target.Stage]);
                blockWriter.Write(Convert.FromHexString(target.Key!));
                blockWriter.Write((ulong)(fingerprints[i] >> 64));
                blockWriter.Write((ulong)fingerprints[i]);
                var unit = target.TargetId[(target.Stage.Length + 1)..];
                blockWriter.Write(target.WorkUnit != unit);
                if (target.WorkUnit != unit)
                {
                    blockWriter.Write(target.WorkUnit);
                }

                blockWriter.Write7BitEncodedInt(target.Upstream.Count);
                foreach (var upstream in target.Upstream)
                {
                    // Targets come in topological order: an upstream target is always listed before its readers.
                    blockWriter.Write7BitEncodedInt(targetIndex[upstream.TargetId]);
                    blockWriter.Write7BitEncodedInt(upstream.Output is null ? 0 : outputIndex[upstream.Output] + 1);
                }
            }

            blockWriter.Flush();
            writer.Write((int)block.Length);
            writer.Write(block.GetBuffer(), 0, (int)block.Length);
        }
    }

    // Reads the plan from bytes[offset .. offset + length).
    private static (PlanReport Plan, UInt128[] Fingerprints, int[][] Upstream) ReadPlan(byte[] bytes, int offset, int length)
    {
        var reader = new SpanReader(bytes.AsSpan(offset, length));
        var stages = new string[reader.Int32()];
        for (var i = 0; i < stages.Length; i++)
        {
            stages[i] = reader.Text();
        }

        var outputs = new string?[reader.Int32() + 1];
        for (var i = 1; i < outputs.Length; i++)
        {
            outputs[i] = reader.Text();
        }

        var count = reader.Int32();
        var blocks = new List<(int Start, int Length)>();
        for (var start = 0; start < count; start += TargetsPerBlock)
        {
            var size = reader.Int32();
            blocks.Add((offset + reader.Position, size));
            reader.Skip(size);
        }

        if (count < 0 || !reader.AtEnd)
        {
            throw new FormatException("the plan stamp's targets do not fill it");
        }

        // First each block's own fields, then (once every id is known) the upstream references between blocks.
        var ids = new string[count];
        var stageOf = new int[count];
        var keys = new string[count];
        var workUnits = new string?[count];
        var fingerprints = new UInt128[count];
        var upstreamIndices = new int[count][];
        // Each block's upstream output names in its order (one list a block, not an array a target: they are dropped
        // once the references are made).
        var upstreamOutputs = new List<int>[blocks.Count];
        Run(blocks.Count, b =>
        {
            var (start, size) = blocks[b];
            var block = new SpanReader(bytes.AsSpan(start, size));
            var output = upstreamOutputs[b] = [];
            for (var i = b * TargetsPerBlock; i < Math.Min((b + 1) * TargetsPerBlock, count); i++)
            {
                ids[i] = block.Text();
                stageOf[i] = block.Index(stages.Length);
                keys[i] = Convert.ToHexStringLower(block.Bytes(32));
                fingerprints[i] = new UInt128(block.UInt64(), block.UInt64());
                workUnits[i] = block.Flag() ? block.Text() : null;
                var up = upstreamIndices[i] = new int[block.Index(int.MaxValue)];
                for (var u = 0; u < up.Length; u++)
                {
                    up[u] = block.Index(i);
                    output.Add(block.Index(outputs.Length));
                }
            }

            if (!block.AtEnd)
            {
                throw new FormatException("trailing bytes in a block of the plan stamp");
            }
        });

        var targets = new TargetPlan[count];
        Run(blocks.Count, b =>
        {
            var output = 0;
            for (var i = b * TargetsPerBlock; i < Math.Min((b + 1) * TargetsPerBlock, count); i++)
            {
                var stage = stages[stageOf[i]];
                if (ids[i].Length <= stage.Length || !ids[i].StartsWith(stage + "/", StringComparison.Ordinal))
                {
                    throw new FormatException($"the plan stamp's target {ids[i]} is not of its stage {stage}");
                }

                var upstream = new UpstreamRef[upstreamIndices[i].Length];
                for (var u = 0; u < upstream.Length; u++)
                {
                    upstream[u] = new UpstreamRef(ids[upstreamIndices[i][u]], outputs[upstreamOutputs[b][output++]]);
                }

                targets[i] = new TargetPlan(ids[i], stage, TargetStatus.Fresh, keys[i], [])
                {
                    Upstream = upstream,
                    WorkUnit = workUnits[i] ?? ids[i][(stage.Length + 1)..],
                };
            }
        });

        return (new PlanReport(targets, []), fingerprints, upstreamIndices);
    }

    // Runs body(0 .. count - 1) on every core; a damaged stamp fails as a FormatException, as one read in order would.
    private static void Run(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is FormatException))
        {
            throw e.InnerExceptions[0];
        }
    }

    // Reads what BinaryWriter wrote (7-bit encoded lengths and indices, UTF-8 strings, little-endian numbers); anything
    // out of bounds is a FormatException.
    private ref struct SpanReader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Position { get; private set; }

        public readonly bool AtEnd => Position == _bytes.Length;

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(sizeof(int)));

        public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(sizeof(ulong)));

        public bool Flag() => Bytes(1)[0] switch
        {
            0 => false,
            1 => true,
            _ => throw new FormatException("a flag of the plan stamp is neither 0 nor 1"),
        };

        public string Text() => Encoding.UTF8.GetString(Bytes(Index(int.MaxValue)));

        public void Skip(int length) => Bytes(length);

        public ReadOnlySpan<byte> Bytes(int length)
        {
            if (length < 0 || length > _bytes.Length - Position)
            {
                throw new FormatException("the plan stamp ends early");
            }

            var span = _bytes.Slice(Position, length);
            Position += length;
            return span;
        }

        // A 7-bit encoded count or index, below limit.
        public int Index(int limit)
        {
            var value = 0L;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = Bytes(1)[0];
                value |= (long)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value < limit ? (int)value : throw new FormatException($"an index of the plan stamp is {value}, not below {limit}");
                }
            }

            throw new FormatException("a number of the plan stamp runs past five bytes");
        }
    }
}
