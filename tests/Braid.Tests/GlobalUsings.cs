global using Braid.CompilerServices;
global using Braid.Extensibility;
global using Braid.Testing;
