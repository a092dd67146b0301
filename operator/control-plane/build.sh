#!/usr/bin/env bash
# Builds the real Kubernetes control plane the tests run on loopback: etcd, kube-apiserver, kube-controller-manager,
# a matching kubectl, and Kueue's manager — every one from its Go modules, through the Go module proxy and nothing
# else. Each engine has a wrapper module in modules/<engine>/ (go.mod and go.sum committed: the versions and every
# module's checksum are pinned there, and `go build -mod=readonly` refuses anything else). Kubernetes at both ends of
# the range the operator supports: the oldest the tests run (modules/kubernetes) and the newest minor the proxy serves
# (modules/kubernetes-newest), each in a folder of its own.
#
#   operator/control-plane/build.sh                  build what is missing, both ends; the last line printed is the
#                                                    oldest's directory
#   operator/control-plane/build.sh oldest|newest    only that end
#   operator/control-plane/build.sh --dir [newest]   only print that end's directory (default oldest; nothing built)
#   operator/control-plane/build.sh --check [newest] exit 0 when every binary of that end is there, 1 otherwise
#
# The binaries are cached by version in $GENAI_CONTROL_PLANE_CACHE (default ~/.cache/genai-operator/control-plane);
# Go's own module and build caches stay where Go keeps them ($HOME/go/pkg/mod, $HOME/.cache/go-build), so a rebuild
# after a version change reuses every module that did not change.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
modules="$here/modules"

version() { # the version of module $2 that wrapper $1 requires
  awk -v m="$2" '$1 == "require" && $2 == m {print $3} $1 == m && $2 ~ /^v/ {print $2}' "$modules/$1/go.mod" | head -n 1
}
etcd=$(version etcd go.etcd.io/etcd/server/v3)
kueue=$(version kueue sigs.k8s.io/kueue)
[ -n "$etcd" ] && [ -n "$kueue" ] || { echo "build.sh: cannot read the versions from $modules/*/go.mod" >&2; exit 2; }

# bump when the way the binaries are built changes (flags, what is copied beside them): the cache then rebuilds
recipe=2
cache="${GENAI_CONTROL_PLANE_CACHE:-$HOME/.cache/genai-operator/control-plane}"
binaries=(etcd kube-apiserver kube-controller-manager kubectl kueue kueue-config/webhook/manifests.yaml)

wrapper_of() { # oldest|newest -> the Kubernetes wrapper module
  case "$1" in
    oldest) echo kubernetes ;;
    newest) echo kubernetes-newest ;;
    *) echo "build.sh: oldest or newest, not '$1'" >&2; exit 2 ;;
  esac
}
dir_of() { # oldest|newest -> its directory
  local k8s
  k8s=$(version "$(wrapper_of "$1")" k8s.io/kubernetes)
  [ -n "$k8s" ] || { echo "build.sh: cannot read the Kubernetes version of $1" >&2; exit 2; }
  echo "$cache/kubernetes-$k8s-etcd-$etcd-kueue-$kueue-r$recipe"
}

case "${1:-}" in
  --dir) dir_of "${2:-oldest}"; exit 0 ;;
  --check) dir=$(dir_of "${2:-oldest}"); for b in "${binaries[@]}"; do [ -e "$dir/$b" ] || exit 1; done; exit 0 ;;
  "") ends=(newest oldest) ;;
  oldest|newest) ends=("$1") ;;
  *) echo "usage: $0 [oldest|newest] | --dir [oldest|newest] | --check [oldest|newest]" >&2; exit 2 ;;
esac

command -v go >/dev/null || { echo "build.sh: Go is needed to build the control plane (go not on PATH)" >&2; exit 2; }
export CGO_ENABLED=0 GOFLAGS=-mod=readonly
# Go starts its own toolchain; a go.mod asking for a newer Go than this machine's must not make it download one.
export GOTOOLCHAIN=local

build() { # wrapper, output name, package, extra ldflags
  local wrapper=$1 out=$2 pkg=$3 ld=${4:-}
  if [ -x "$dir/$out" ]; then return; fi
  local start=$SECONDS
  echo "building $out ($pkg) ..." >&2
  (cd "$modules/$wrapper" && go build -trimpath -ldflags "-s -w $ld" -o "$dir/$out.tmp" "$pkg")
  mv "$dir/$out.tmp" "$dir/$out"
  echo "built $out in $((SECONDS - start)) s" >&2
}

build_end() { # oldest|newest
  local end=$1 wrapper k8s minor stamp total=$SECONDS
  wrapper=$(wrapper_of "$end")
  k8s=$(version "$wrapper" k8s.io/kubernetes)
  dir=$(dir_of "$end")
  mkdir -p "$dir"
  # /version of each Kubernetes binary tells the truth (the release), as `make` would stamp it.
  minor=${k8s#v1.}; minor=${minor%%.*}
  stamp="-X k8s.io/component-base/version.gitVersion=$k8s -X k8s.io/component-base/version.gitMajor=1"
  stamp="$stamp -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean"
  build etcd etcd go.etcd.io/etcd/server/v3
  build "$wrapper" kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver "$stamp"
  build "$wrapper" kube-controller-manager k8s.io/kubernetes/cmd/kube-controller-manager "$stamp"
  build "$wrapper" kubectl k8s.io/kubernetes/cmd/kubectl "$stamp"
  build kueue kueue sigs.k8s.io/kueue/cmd/kueue "-X sigs.k8s.io/kueue/pkg/version.GitVersion=$kueue"
  # Kueue's manager needs its CRDs and webhook configurations of the same release: from the same module, as served
  if [ ! -e "$dir/kueue-config/webhook/manifests.yaml" ]; then
    local src
    src=$(cd "$modules/kueue" && go list -m -f '{{.Dir}}' sigs.k8s.io/kueue)
    mkdir -p "$dir/kueue-config.tmp/crd" "$dir/kueue-config.tmp/webhook"
    cp "$src"/config/components/crd/bases/*.yaml "$dir/kueue-config.tmp/crd/"
    cp "$src"/config/components/webhook/manifests.yaml "$dir/kueue-config.tmp/webhook/"
    chmod -R u+w "$dir/kueue-config.tmp"
    rm -rf "$dir/kueue-config"; mv "$dir/kueue-config.tmp" "$dir/kueue-config"
  fi
  echo "control plane ($end) ready in $((SECONDS - total)) s: kubernetes $k8s, etcd $etcd, kueue $kueue" >&2
}

for end in "${ends[@]}"; do
  build_end "$end"
done
echo "$dir"
