// The library's own code sees every layer; its users choose theirs (Braid, Braid.Testing, Braid.Extensibility,
// and Braid.CompilerServices for the awaitables the compiler uses).
global using Braid.CompilerServices;
global using Braid.Extensibility;
global using Braid.Testing;
