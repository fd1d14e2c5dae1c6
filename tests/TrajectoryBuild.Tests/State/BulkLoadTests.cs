using System.Runtime;
using TrajectoryBuild.State;
using TrajectoryBuild.Tests.Scheduling;

namespace TrajectoryBuild.Tests.State;

/// <summary>A no-GC region is process-wide: these run alone (see <see cref="ProcessEnvironment"/>).</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class BulkLoadTests
{
    [Fact]
    public void Expecting_AStretchWithinItsSize_RunsNoCollectionAndEndsTheRegion()
    {
        var kept = new List<byte[]>();
        int collections;
        using (BulkLoad.Expecting(64 << 20))
        {
            collections = GC.CollectionCount(0);
            for (var i = 0; i < 16_000; i++)
            {
                kept.Add(new byte[1000]);
            }

            GC.CollectionCount(0).ShouldBe(collections);
            GCSettings.LatencyMode.ShouldBe(GCLatencyMode.NoGCRegion);
        }

        GCSettings.LatencyMode.ShouldNotBe(GCLatencyMode.NoGCRegion);
        kept.Count.ShouldBe(16_000);
    }

    [Fact]
    public void Expecting_AStretchBeyondItsSize_CollectsAsUsualAndEndsWithoutError()
    {
        using (BulkLoad.Expecting(4 << 20))
        {
            var kept = new List<byte[]>();
            for (var i = 0; i < 64_000; i++)
            {
                kept.Add(new byte[1000]);
            }

            GCSettings.LatencyMode.ShouldNotBe(GCLatencyMode.NoGCRegion);
        }

        GCSettings.LatencyMode.ShouldNotBe(GCLatencyMode.NoGCRegion);
    }

    [Fact]
    public void Expecting_WhileAnotherRegionIsOn_LeavesThatRegionToItsOwner()
    {
        GC.TryStartNoGCRegion(32 << 20).ShouldBeTrue();
        try
        {
            using (BulkLoad.Expecting(16 << 20))
            {
                GCSettings.LatencyMode.ShouldBe(GCLatencyMode.NoGCRegion);
            }

            GCSettings.LatencyMode.ShouldBe(GCLatencyMode.NoGCRegion);
        }
        finally
        {
            GC.EndNoGCRegion();
        }
    }

    [Fact]
    public void Expecting_NothingOrDefault_IsNoRegion()
    {
        using (BulkLoad.Expecting(0))
        {
            GCSettings.LatencyMode.ShouldNotBe(GCLatencyMode.NoGCRegion);
        }

        using (default(BulkLoad))
        {
            GCSettings.LatencyMode.ShouldNotBe(GCLatencyMode.NoGCRegion);
        }
    }
}
