#!/usr/bin/env bash
# docs/finops.md, "As run": a real Prometheus (Debian's prometheus 2.42 and its promtool) holding this month's
# history in OpenCost's and Vertex AI's metric names, and the operator's sandbox (genai-local.jar --serve) pointed
# at it for both GENAI_PROMETHEUS_URL and GENAI_MANAGED_METRICS_URL. Needs: prometheus, promtool, python3, kubectl,
# and `mvn -B -q package -DskipTests` first. Prints the figures; stops everything at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=$(mktemp -d)
port=${PORT:-19090}
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$dir"' EXIT

python3 docs/finops-demo/history.py > "$dir/history.om"
promtool tsdb create-blocks-from openmetrics "$dir/history.om" "$dir/data" > /dev/null
prometheus --config.file=/dev/null --storage.tsdb.path="$dir/data" --storage.tsdb.retention.time=400d \
  --web.listen-address=127.0.0.1:$port > "$dir/prometheus.log" 2>&1 &
until curl -sf http://127.0.0.1:$port/-/ready > /dev/null; do sleep 0.2; done

GENAI_PROMETHEUS_URL=http://127.0.0.1:$port GENAI_MANAGED_METRICS_URL=http://127.0.0.1:$port \
  GENAI_GCP_CREDENTIALS=none \
  java -jar operator/sandbox/target/genai-local.jar --serve --kubeconfig "$dir/kubeconfig" \
  samples/platform-policy.yaml samples/public-pilot.yaml samples/contract-assistant.yaml \
  samples/contract-assistant-approval.yaml > "$dir/local.log" 2> "$dir/local.err" &
until [ -s "$dir/kubeconfig" ] && grep -q "contract-assistant" "$dir/local.log" 2>/dev/null; do sleep 0.5; done
k() {
  printf '$ kubectl'
  for a in "$@"; do if [[ $a =~ [^A-Za-z0-9=/._:-] ]]; then printf " '%s'" "$a"; else printf ' %s' "$a"; fi; done
  echo
  kubectl --kubeconfig "$dir/kubeconfig" "$@"
}
k wait gp --all --for=condition=Ready --timeout=60s > /dev/null
k get gp
echo "\$ kubectl get gp contract-assistant -o jsonpath='{.status.budget}' | python3 -m json.tool"
kubectl --kubeconfig "$dir/kubeconfig" get gp contract-assistant -o jsonpath='{.status.budget}' | python3 -m json.tool
k get gp contract-assistant -o jsonpath='{range .status.endpoints[*]}{.name}{"\t"}{.tokensThisMonth}{"\t"}{.spendThisMonth}{"\t"}{.costPerMillionTokens}{"\n"}{end}'
k get gp contract-assistant -o jsonpath='{range .status.conditions[?(@.type=="CostTrackingReady")]}{.type}={.status} {.reason}: {.message}{"\n"}{end}{range .status.conditions[?(@.type=="ManagedSpendTracked")]}{.type}={.status} {.reason}: {.message}{"\n"}{end}'
k get gp support-copilot -o jsonpath='{.status.budget.inCluster} {.status.budget.monthToDate} {.status.budget.forecast}{"\n"}'
