#!/usr/bin/env bash
# Creates the project's Python virtual environment for tests and prints its interpreter path.
#
# The environment lives in target/python-venv under the repository root. Packages come from
# tests/python/requirements.txt and are reinstalled whenever that file is newer than the stamp file
# target/python-venv/.requirements-installed. The script is idempotent and prints nothing but the
# interpreter path on success; on failure it prints pip's output and the cause to stderr and exits non-zero.
#
# Rust tests get the path from tests/support/python.rs (`support::python::python()`); shell scripts can use
#   PYTHON="$(scripts/python-env.sh)"
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo_root/target/python-venv"
requirements="$repo_root/tests/python/requirements.txt"
stamp="$venv/.requirements-installed"
interpreter="$venv/bin/python"

fail() {
    echo "python-env.sh: $*" >&2
    exit 1
}

# Runs a command quietly and shows its output only when it fails.
run_quietly() {
    local log
    log="$(mktemp)"
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        return 1
    fi
    rm -f "$log"
}

[ -f "$requirements" ] || fail "requirements file not found: $requirements"

# Serialize concurrent callers (parallel test binaries) so that only one of them creates or updates the venv.
mkdir -p "$repo_root/target"
exec 9>"$repo_root/target/python-venv.lock"
flock 9 || fail "locking $repo_root/target/python-venv.lock failed"

if [ ! -x "$interpreter" ]; then
    base_python="${PYTHON:-python3}"
    command -v "$base_python" >/dev/null 2>&1 ||
        fail "no Python 3 interpreter found (tried '$base_python'); install python3 and python3-venv, or set PYTHON"
    run_quietly "$base_python" -m venv "$venv" ||
        fail "creating the virtual environment $venv failed; on Debian install python3-venv"
fi

if [ ! -f "$stamp" ] || [ "$requirements" -nt "$stamp" ]; then
    run_quietly "$interpreter" -m pip install --disable-pip-version-check --quiet -r "$requirements" ||
        fail "pip install -r $requirements failed (output above); check the pinned versions and the network"
    touch "$stamp"
fi

echo "$interpreter"
