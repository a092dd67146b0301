#!/usr/bin/env bash
# The FinOps Foundation's focus-validator (PyPI), for the FOCUS export's test: installed into a virtualenv cached in
# ~/.cache/genai-operator, from PyPI only. focus-validator 2.2.1 needs Python >= 3.12 (the machine's python3 may be
# 3.11: pyenv's 3.12 is used when there), and its pyarrow must be one built for NumPy 1 (it pins numpy < 2).
# Usage: focus-validator.sh [--check]   prints the path of the focus-validator executable.
set -euo pipefail
VERSION=2.2.1
DIR="${GENAI_FOCUS_VALIDATOR_DIR:-$HOME/.cache/genai-operator/focus-validator-$VERSION}"
if [ -x "$DIR/bin/focus-validator" ]; then
  echo "$DIR/bin/focus-validator"
  exit 0
fi
if [ "${1:-}" = "--check" ]; then
  echo "focus-validator $VERSION is not installed in $DIR: run operator/tools/focus-validator.sh" >&2
  exit 1
fi
python=""
# 3.12 first: on 3.13 one of its dependencies fails to build (no pkg_resources)
for candidate in python3.12 "$HOME"/.pyenv/versions/3.12*/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  echo "focus-validator $VERSION needs Python 3.12; none found (python3.12, ~/.pyenv/versions/3.12*)" >&2
  exit 1
fi
rm -rf "$DIR.tmp"
"$python" -m venv "$DIR.tmp"
"$DIR.tmp/bin/pip" install -q --disable-pip-version-check "focus-validator==$VERSION" "pyarrow<18" >&2
mv "$DIR.tmp" "$DIR"
# its venv's scripts name the interpreter by the .tmp path: rewrite the shebangs
sed -i "1s|$DIR.tmp|$DIR|" "$DIR"/bin/* 2>/dev/null || true
echo "$DIR/bin/focus-validator"
