#!/usr/bin/env bash
# Installs the peer programs that `braid bench ...` runs beside Braid's own figures, from Debian's packages.
# Python peers run on Debian's own /usr/bin/python3 (the one these packages install into), which need not be
# the first python3 on PATH. Tests never need any of this; only benchmarks do.
set -euo pipefail
packages=(python3 python3-trio python3-greenlet python3-gevent python3-uvloop python3-aiohttp python3-scrapy golang-go hyperfine wrk)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "peers: all installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "peers: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
echo "peers: installed"
