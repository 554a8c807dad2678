namespace Braid;

/// <summary>Placeholder: the runtime's entry points.</summary>
public static class Loop
{
}
