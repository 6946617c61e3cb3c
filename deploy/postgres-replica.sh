#!/bin/bash
# The streaming replica of docker-compose.yml: on first start, copies the primary with
# `pg_basebackup -R` (which writes standby.signal and primary_conninfo), then runs as a hot standby
# replaying the primary's WAL. Maillage only reads from it; it is never promoted by Maillage.
set -euo pipefail
mkdir -p "$PGDATA"
chown postgres:postgres "$PGDATA"
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until gosu postgres env PGPASSWORD="$REPLICATION_PASSWORD" \
      pg_basebackup -h "$PRIMARY_HOST" -U replicator -D "$PGDATA" -R -X stream -c fast; do
    echo "waiting for the primary to accept a base backup"
    find "$PGDATA" -mindepth 1 -delete
    sleep 2
  done
fi
exec gosu postgres postgres -D "$PGDATA" -c hot_standby=on
