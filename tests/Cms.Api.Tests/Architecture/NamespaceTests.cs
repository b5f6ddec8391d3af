using Cms.Api.Data;

namespace Cms.Api.Tests.Architecture;

public sealed class NamespaceTests
{
    private static readonly NamespaceGraph Graph = NamespaceGraph.Of(typeof(CmsDbContext).Assembly, "Cms.Api");

    [Test]
    public void NoNamespaceUsesAnotherThatUsesItBack()
    {
        var cycles = Graph.Cycles();
        Assert.That(cycles, Is.Empty, string.Join("\n\n", cycles.Select(c => string.Join("\n", c))));
    }

    [Test]
    public void InfrastructureIsPlumbingThatUsesNothingElseOfOurs()
    {
        var outside = Graph.Namespaces.Where(IsInfrastructure)
            .SelectMany(ns => Graph.UsedBy(ns).Where(used => !IsInfrastructure(used)).Select(used => Graph.Why(ns, used)))
            .ToList();
        Assert.That(outside, Is.Empty, string.Join("\n", outside));
    }

    private static bool IsInfrastructure(string ns) => ns == "Cms.Api.Infrastructure" || ns.StartsWith("Cms.Api.Infrastructure.", StringComparison.Ordinal);
}
