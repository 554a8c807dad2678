namespace Braid.CompilerServices;

/// <summary>The result of a coroutine that returns nothing, so one generic box serves both kinds.</summary>
public readonly struct VoidResult;
