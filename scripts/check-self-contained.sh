#!/usr/bin/env bash
# Fails when a tracked file names a place outside the repository: a sibling folder of the checkout (the reading
# material some developers keep beside it) or an absolute path of a machine's own folders. A plain clone with
# nothing beside it must build and pass every test, so nothing may read such a path.
# Usage: scripts/check-self-contained.sh   (from anywhere; part of scripts/test-all.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
# The patterns are split so that this file does not match itself.
sibling='\.\./'"shared"
machine='(^|[^A-Za-z0-9_.~-])/(work|root|home|Users)/'
if git grep -nIE -e "$sibling" -e "$machine" -- . ':!Cargo.lock' ':!**/package-lock.json'; then
  echo "check-self-contained: the lines above name a path outside the repository" >&2
  exit 1
fi
echo "check-self-contained: no tracked file names a path outside the repository"
