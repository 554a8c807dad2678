#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to its project's
# PublicAPI.Unshipped.txt and drops those declared but gone (RS0017). Run after a deliberate change to a public API,
# then read the diff.
set -euo pipefail
cd "$(dirname "$0")/../.."
for project in src/*/*.csproj; do
  dir=$(dirname "$project")
  grep -q '<OutputType>Exe</OutputType>' "$project" && continue
  for f in PublicAPI.Shipped.txt PublicAPI.Unshipped.txt; do [ -f "$dir/$f" ] || printf '#nullable enable\n' > "$dir/$f"; done
done
for _ in 1 2 3 4 5 6; do
  log=$(dotnet build -c Release 2>&1 || true)
  gone=$(grep -oE "error RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found.*\[[^]]+\.csproj\]" <<<"$log" | sort -u || true)
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    symbol=$(sed -E "s/^error RS0017: Symbol '(.*)' is part of the declared API.*/\1/" <<<"$line")
    project=$(sed -E 's/.*\[([^]]+\.csproj)\]$/\1/' <<<"$line")
    file="$(dirname "$project")/PublicAPI.Unshipped.txt"
    grep -vxF -- "$symbol" "$file" > "$file.tmp" || true
    mv "$file.tmp" "$file"
  done <<<"$gone"
  hits=$(grep -oE "error RS0016: Symbol '.*' is not part of the declared public API.*\[[^]]+\.csproj\]" <<<"$log" | sort -u || true)
  [ -z "$hits" ] && [ -z "$gone" ] && break
  [ -z "$hits" ] && continue
  while IFS= read -r line; do
    symbol=$(sed -E "s/^error RS0016: Symbol '(.*)' is not part of the declared public API.*/\1/" <<<"$line")
    project=$(sed -E 's/.*\[([^]]+\.csproj)\]$/\1/' <<<"$line")
    echo "$symbol" >> "$(dirname "$project")/PublicAPI.Unshipped.txt"
  done <<<"$hits"
  for f in src/*/PublicAPI.Unshipped.txt; do { head -1 "$f"; tail -n +2 "$f" | sort -u; } > "$f.tmp" && mv "$f.tmp" "$f"; done
done
grep -E "error" <<<"$log" | sort -u | head -20 || true
