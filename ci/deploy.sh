#!/usr/bin/env bash
# Default-branch pipelines: `pulumi up` of one stack, with the stack's CI/CD variables, then `fluxfleet verify` of
# the same stack as the job's last step (README "Is it working?"). Refuses to start when a variable is missing.
# There is deliberately no destroy anywhere in CI.
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
up=0
pulumi up --yes --diff --non-interactive --color never --stack "$stack" || up=$?

# verify runs even when `up` failed: its table says which object is not Ready and why. It reads the cluster with
# the stack's own credentials: the context from KUBECONFIG_<STACK>, or the stack's secret kubeconfig written to a
# private file for the job's lifetime.
verify_args=(verify --stack "$stack")
if grep -Eq '^[[:space:]]+kubeconfig:' "Pulumi.$stack.yaml"; then
  kubeconfig_file=$(umask 077 && mktemp)
  trap 'rm -f "$kubeconfig_file"' EXIT
  pulumi config get --path cluster.kubeconfig --stack "$stack" > "$kubeconfig_file"
  verify_args+=(--kubeconfig "$kubeconfig_file")
fi
verified=0
fluxfleet "${verify_args[@]}" || verified=$?
if [ "$up" -ne 0 ]; then
  exit "$up"
fi
exit "$verified"
