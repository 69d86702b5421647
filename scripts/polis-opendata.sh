#!/usr/bin/env bash
# Copies the Pol.is conversations that the export-format tests read (tests/Grassroots.Tests/Opinion/Polis/Data,
# see its README.md) from a clone of https://github.com/compdemocracy/openData, at the commit the tests' counts
# were taken from. Usage: scripts/polis-opendata.sh PATH_TO_OPENDATA_CLONE
set -euo pipefail
commit=0bc2ce0f32c673f68da20b57bce15c457aa787b5
source=${1:?usage: $0 PATH_TO_OPENDATA_CLONE (git clone https://github.com/compdemocracy/openData)}
target="$(cd "$(dirname "$0")/.." && pwd)/tests/Grassroots.Tests/Opinion/Polis/Data"
git_dir=$(git -C "$source" rev-parse --absolute-git-dir)
for name in 15-per-hour-seattle brexit-consensus bg2050-volunteers; do
  mkdir -p "$target/$name"
  for file in comments.csv votes.csv participants-votes.csv; do
    git --git-dir="$git_dir" show "$commit:$name/$file" > "$target/$name/$file"
  done
done
echo "Copied into $target"
