#!/usr/bin/env bash
# Every pipeline, job provider-schemas: the provider-schema check (ProviderSchemaTrimTest) compares each committed
# trimmed schema with the full upstream schema it was cut from. The full schemas are not committed (3.7 MB), so
# this fetches each at the commit src/main/schemas/SOURCES.md names, refuses one whose sha256 differs from the one
# recorded there, and runs the check with -Dschemas.required=true, so that it fails instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."
. ci/lib.sh
refuse_test_hooks

dir=${SCHEMA_DIR:-target/provider-schemas}
mkdir -p "$dir"
args=()
# name, upstream repository, commit, path, sha256: the rows of src/main/schemas/SOURCES.md
while read -r name repo commit path sha; do
  [ -n "$name" ] || continue
  file="$dir/pulumi-$name-schema.json"
  url="https://raw.githubusercontent.com/$repo/$commit/$path"
  if [ -n "${SCHEMA_SOURCE_DIR:-}" ]; then
    cp "$SCHEMA_SOURCE_DIR/pulumi-$name-schema.json" "$file"
  elif command -v curl > /dev/null; then
    curl -fsSL --retry 3 -o "$file" "$url"
  else
    wget -q -O "$file" "$url"
  fi
  actual=$(sha256sum "$file" | cut -d' ' -f1)
  if [ "$actual" != "$sha" ]; then
    echo "$url has sha256 $actual, but src/main/schemas/SOURCES.md records $sha: refusing it" >&2
    exit 1
  fi
  args+=("-D$name.schema=$PWD/$file")
done <<'ROWS'
gitlab pulumi/pulumi-gitlab b2f7831996cc71f461887753d91fb914b4ad7736 provider/cmd/pulumi-resource-gitlab/schema.json 9a36a7c792d819670a988ac940938a19816f92bb82be35ae0fcfb873d77f4229
random pulumi/pulumi-random a95c82096fbf7a26c1462d41e0834220c2128d4f provider/cmd/pulumi-resource-random/schema.json a9fb03f2c512ef14e1e6ee07fb96f5acacc2979cf7a01ba7435d3ef4669fc323
ROWS

run_cmd "${MAVEN:-mvn -B}" -q test -Dtest=ProviderSchemaTrimTest -Dschemas.required=true "${args[@]}"
