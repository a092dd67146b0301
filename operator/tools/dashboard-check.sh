#!/usr/bin/env bash
# Builds dashboard-check (Grafana's dashboard model, from the Go module github.com/grafana/grafana-foundation-sdk/go
# through the Go module proxy; pinned in dashboard-check/go.mod and go.sum) into ~/.cache/genai-operator, and prints
# the path of the binary. A test engine: the chart's dashboards are checked with it (DashboardsTest).
# Usage: dashboard-check.sh [--check]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v go >/dev/null || [ ! -x /usr/local/go/bin/go ] || export PATH="$PATH:/usr/local/go/bin"
sum="$(cat "$here/dashboard-check/go.mod" "$here/dashboard-check/go.sum" "$here/dashboard-check/main.go" | sha256sum | cut -c1-12)"
out="${GENAI_DASHBOARD_CHECK_DIR:-$HOME/.cache/genai-operator/dashboard-check-$sum}/dashboard-check"
if [ -x "$out" ]; then
  echo "$out"
  exit 0
fi
if [ "${1:-}" = "--check" ]; then
  echo "dashboard-check is not built: run operator/tools/dashboard-check.sh" >&2
  exit 1
fi
command -v go >/dev/null || { echo "dashboard-check needs Go (not on PATH)" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
(cd "$here/dashboard-check" && GOTOOLCHAIN=local GOFLAGS=-mod=readonly go build -trimpath -o "$out.tmp" .)
mv "$out.tmp" "$out"
echo "$out"
