global using Braid;
global using Braid.CompilerServices;
