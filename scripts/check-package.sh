#!/usr/bin/env bash
# The package as a user gets it: builds and packs taskwire, checks what the tarball holds, installs
# it with its peer dependency into an empty project outside the repository, and there
#   - checks that installing taskwire + zod brings only the runtime packages taskwire loads;
#   - runs a task server (.mjs, plain node) and calls its tool as a task with the official SDK
#     client, on Node 20 (this node) and Node 22 (the npm package node@22);
#   - compiles a TypeScript consumer with tsc strict, nodenext, exactOptionalPropertyTypes and
#     skipLibCheck false: 0 errors;
#   - runs `npx taskwire --help` and `--version`, and `npx taskwire conformance` against the taskwire
#     fixture.
# Used by .ci/run; works alone from the repository root after `npm install`. Needs the registry.
# ZOD_VERSION=4.0.0 bash scripts/check-package.sh checks against another zod (default: the one the
# repository develops with).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
here=scripts/package-check

version_of() { node -p "require('./node_modules/$1/package.json').version"; }
zod=${ZOD_VERSION:-$(version_of zod)}
sdk=$(version_of @modelcontextprotocol/sdk)
typescript=$(version_of typescript)
types_node=$(version_of @types/node)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "-- npm pack (its prepare script builds dist/)"
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
tar -tzf "$work/$tarball" | sed 's|^package/||' | sort >"$work/files"
echo "   $tarball: $(wc -l <"$work/files") files"
# Only the build, the launcher and the package's own documents; no sources, tests, benches, fixtures.
unexpected=$(grep -Ev '^(dist/.+\.(js|d\.ts|js\.map|d\.ts\.map)|bin/taskwire\.js|package\.json|README\.md|LICENSE)$' "$work/files" || true)
shipped_tests=$(grep -E '(\.test\.|/fixtures?/|/test/|bench|/official/|test-helpers)' "$work/files" || true)
if [ -n "$unexpected$shipped_tests" ]; then
  echo "the tarball holds files a user does not need:" >&2
  printf '%s\n' $unexpected $shipped_tests >&2
  exit 1
fi

project="$work/project"
mkdir "$project"
cp "$here/smoke.mjs" "$here/consumer.ts" "$here/tsconfig.json" "$project/"
cd "$project"
printf '{ "name": "taskwire-consumer", "private": true, "type": "module" }\n' >package.json
npm_install() { npm install --no-audit --no-fund --loglevel=error "$@" >/dev/null; }

echo "-- npm install taskwire (the tarball) zod@$zod"
npm_install "$work/$tarball" "zod@$zod"
installed=$(npm ls --all --parseable | sed -n 's|.*/node_modules/||p' | sort | tr '\n' ' ')
expected='@hono/node-server eventemitter3 hono taskwire zod '
if [ "$installed" != "$expected" ]; then
  echo "installing taskwire brought: $installed(expected: $expected)" >&2
  exit 1
fi
echo "   installed: $installed"

echo "-- npm install the test tools: @modelcontextprotocol/sdk@$sdk typescript@$typescript @types/node@$types_node"
npm_install "@modelcontextprotocol/sdk@$sdk" "typescript@$typescript" "@types/node@$types_node"

echo "-- a task server on plain node, called as a task by the SDK client"
node smoke.mjs
npx -y -p node@22 node smoke.mjs

echo "-- tsc strict, nodenext, exactOptionalPropertyTypes, skipLibCheck false"
npx --no-install tsc -p tsconfig.json
echo "   0 errors"

echo "-- npx taskwire --help, --version"
npx --no-install taskwire --help | grep -q '^Usage: taskwire <command>'
npx --no-install taskwire conformance --help | grep -q 'allow-skipped-musts'
shipped=$(npx --no-install taskwire --version)
wanted=$(node -p "require('$repo/package.json').version")
if [ "$shipped" != "$wanted" ]; then
  echo "npx taskwire --version printed \"$shipped\", expected $wanted" >&2
  exit 1
fi
echo "   $shipped"

echo "-- npx taskwire conformance (the compiled CLI) against the taskwire fixture"
if ! bash "$repo/conformance/ci.sh" "$project" >"$work/conformance.log" 2>&1; then
  cat "$work/conformance.log" >&2
  exit 1
fi
tail -n 4 "$work/conformance.log"
