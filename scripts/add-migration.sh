#!/usr/bin/env bash
# Adds a migration with the same name for both providers: scripts/add-migration.sh AddTicketTags
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
proj=src/Touchpoint.Data
dotnet ef migrations add "$name" --project $proj --startup-project $proj --context SqliteTouchpointDb --output-dir Migrations/Sqlite
dotnet ef migrations add "$name" --project $proj --startup-project $proj --context PostgresTouchpointDb --output-dir Migrations/Postgres
