namespace Braid.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Builds() => Assert.Equal("Loop", typeof(Loop).Name);
}
