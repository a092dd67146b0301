#!/usr/bin/env bash
# Builds Envoy Gateway's egctl (the Go module github.com/envoyproxy/gateway at v1.8.1, the version Envoy AI Gateway
# c217da8 requires; through the Go module proxy, checked against the module's go.sum) into ~/.cache/genai-operator,
# and prints the path of the binary. A test engine: `egctl x translate` turns the BackendTrafficPolicy and
# SecurityPolicy the operator writes into Envoy's configuration (EnvoyGatewayTranslateTest). cgo is off: the
# module's btrfs storage driver needs C headers this machine lacks, and egctl does not need it.
# Usage: egctl.sh [--check]
set -euo pipefail
version=v1.8.1
command -v go >/dev/null || [ ! -x /usr/local/go/bin/go ] || export PATH="$PATH:/usr/local/go/bin"
dir="${GENAI_EGCTL_DIR:-$HOME/.cache/genai-operator/egctl-$version}"
out="$dir/egctl"
if [ -x "$out" ]; then
  echo "$out"
  exit 0
fi
if [ "${1:-}" = "--check" ]; then
  echo "egctl is not built: run operator/tools/egctl.sh" >&2
  exit 1
fi
command -v go >/dev/null || { echo "egctl needs Go (not on PATH)" >&2; exit 1; }
mkdir -p "$dir"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && CGO_ENABLED=0 GOTOOLCHAIN=local GOBIN="$tmp/bin" go install -trimpath \
  "github.com/envoyproxy/gateway/cmd/egctl@$version" >&2)
mv "$tmp/bin/egctl" "$out"
echo "$out"
