#!/bin/bash
# The streaming replica: on first start, a base backup of the primary with `pg_basebackup -R` (which writes
# standby.signal and primary_conninfo), then PostgreSQL as a hot standby. Reads only; the subgraphs send it their
# reads (DATABASE_REPLICA_URLS) and fall back to the primary when it lags or is down.
set -euo pipefail
export PGPASSWORD="$REPLICATION_PASSWORD"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h "$PRIMARY_HOST" -p 5432 -q; do sleep 1; done
  rm -rf "${PGDATA:?}"/*
  pg_basebackup -h "$PRIMARY_HOST" -p 5432 -U replicator -D "$PGDATA" -R -X stream -c fast -P
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c max_connections=300
