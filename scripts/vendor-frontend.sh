#!/usr/bin/env bash
# Refreshes the vendored front-end files from the npm registry (no JavaScript build chain).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @rijkshuisstijl-community/design-tokens @rijkshuisstijl-community/components-css htmx.org@2 >/dev/null)
for tgz in "$work"/*.tgz; do mkdir -p "${tgz%.tgz}" && tar xzf "$tgz" -C "${tgz%.tgz}"; done
dest=dtv/static/vendor
cp "$work"/rijkshuisstijl-community-design-tokens-*/package/dist/uitvoerend-lintblauw/index.css "$dest/rijkshuisstijl-community/design-tokens.css"
cp "$work"/rijkshuisstijl-community-components-css-*/package/dist/index.css "$dest/rijkshuisstijl-community/components.css"
cp "$work"/rijkshuisstijl-community-components-css-*/package/LICENSE.md "$dest/rijkshuisstijl-community/LICENSE.md"
cp "$work"/htmx.org-*/package/dist/htmx.min.js "$dest/htmx/htmx.min.js"
cp "$work"/htmx.org-*/package/LICENSE "$dest/htmx/LICENSE"
ls "$work"/*.tgz | xargs -n1 basename
