#!/usr/bin/env bash
# Default-branch pipelines: `pulumi up` of one stack, with the stack's CI/CD variables. Refuses to start
# when one is missing. There is deliberately no destroy anywhere in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
. ci/lib.sh
refuse_test_hooks

stack=${1:?usage: ci/deploy.sh <stack>}
missing=$(preview_missing "$stack" | paste -sd ' ')
if [ -n "$missing" ]; then
  echo "Cannot deploy $stack: set the CI/CD variables $missing for the $stack environment (see docs/merge-requests.md)." >&2
  exit 1
fi
use_stack "$stack"
pulumi up --yes --diff --non-interactive --color never --stack "$stack"
