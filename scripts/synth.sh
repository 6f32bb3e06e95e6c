#!/usr/bin/env bash
# The main job (`npm run synth`): synthesizes the reference environment (`bin/dpp.ts`) into
# `cdk.out`, then the organization app (`bin/organization.ts`: the organization's own stacks, the
# pipeline and its two `DppEnvironment` stages) into `cdk.out/organization`, each with every
# checker, and writes the evidence report of each. Every step runs; the command fails when any
# of them fails.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
rm -rf cdk.out
npx cdk synth --quiet || status=$?
npx tsx bin/cdk-dpp.ts report cdk.out || status=$((status ? status : $?))
npx cdk synth --quiet --app 'npx tsx scripts/bundle-functions.ts && npx tsx bin/organization.ts' \
  --output cdk.out/organization || status=$((status ? status : $?))
npx tsx bin/cdk-dpp.ts report cdk.out/organization || status=$((status ? status : $?))
exit "$status"
