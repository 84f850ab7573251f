#!/usr/bin/env bash
# Copies the current build to DIR, for `node bench/run.js --base DIR`: the
# packages' dist, the bundle bin/dist, bin/valua (its first line gives node
# its options) and the host files, and bench/engines with libs.js. Run it
# after `pnpm build` and before changing anything; then change, rebuild and
# compare both builds in the same run.
#
# Usage: bench/copy-build.sh DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
dest=$1
[ -f "$root/bin/dist/valua.js" ] || { echo "$0: no bin/dist/valua.js: run pnpm build first" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$dest/packages" "$dest/bench/node_modules/@valua" "$dest/bin"
for p in lexer parser vm stdlib valkey-api; do
  mkdir -p "$dest/packages/$p"
  cp -a "$root/packages/$p/dist" "$root/packages/$p/package.json" "$dest/packages/$p/"
  [ -d "$root/packages/$p/node_modules" ] && cp -a "$root/packages/$p/node_modules" "$dest/packages/$p/"
  ln -sfn "$dest/packages/$p" "$dest/bench/node_modules/@valua/$p"
done
cp -a "$root/bench/engines" "$root/bench/libs.js" "$dest/bench/"
cp -a "$root/bin/valua" "$root/bin/node-host.js" "$root/bin/stdlib-host.js" "$root/bin/dist" "$dest/bin/"
ln -sfn "$root/node_modules" "$dest/node_modules"
echo "copied the build to $dest"
