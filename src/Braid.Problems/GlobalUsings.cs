global using Braid.Testing;
