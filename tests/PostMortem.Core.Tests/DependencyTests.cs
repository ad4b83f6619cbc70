namespace PostMortem.Core.Tests;

public sealed class DependencyTests
{
    [Fact]
    public void CoreReferencesNothingButTheBaseLibrary()
    {
        var references = typeof(Board).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib" or "Microsoft.Win32.Primitives",
            $"Core references {name}"));
        Assert.DoesNotContain(references, n => n.Contains("AspNetCore", StringComparison.Ordinal) || n.Contains("EntityFrameworkCore", StringComparison.Ordinal) || n.Contains("StackExchange", StringComparison.Ordinal));
    }
}
