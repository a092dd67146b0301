#!/usr/bin/env bash
# Builds cyclonus (the Go module github.com/mattfenwick/cyclonus at v0.5.6, through the Go module proxy, checked
# against the module's go.sum) into ~/.cache/genai-operator, and prints the path of the binary. A test engine:
# `cyclonus analyze --mode query-traffic` judges which traffic the NetworkPolicies of a namespace allow, by its own
# reading of the NetworkPolicy API (NetworkReachabilityTest, the truth table of docs/tenancy.md).
# Usage: cyclonus.sh [--check]
set -euo pipefail
version=v0.5.6
command -v go >/dev/null || [ ! -x /usr/local/go/bin/go ] || export PATH="$PATH:/usr/local/go/bin"
dir="${GENAI_CYCLONUS_DIR:-$HOME/.cache/genai-operator/cyclonus-$version}"
out="$dir/cyclonus"
if [ -x "$out" ]; then
  echo "$out"
  exit 0
fi
if [ "${1:-}" = "--check" ]; then
  echo "cyclonus is not built: run operator/tools/cyclonus.sh" >&2
  exit 1
fi
command -v go >/dev/null || { echo "cyclonus needs Go (not on PATH)" >&2; exit 1; }
mkdir -p "$dir"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && CGO_ENABLED=0 GOTOOLCHAIN=local GOBIN="$tmp/bin" go install -trimpath \
  "github.com/mattfenwick/cyclonus/cmd/cyclonus@$version" >&2)
mv "$tmp/bin/cyclonus" "$out"
echo "$out"
