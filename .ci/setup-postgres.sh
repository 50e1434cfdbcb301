#!/usr/bin/env bash
# Installs Debian's PostgreSQL, starts it, and creates the test database the store tests use.
# Idempotent: safe to run again on a machine where any part of this is already done.
# Prints the URL to put in TEST_DATABASE_URL; exports nothing.
set -euo pipefail

DB_USER=essay
DB_PASSWORD=essay
DB_NAME=essay_test
DB_PORT=5432

# shellcheck source=apt.sh
source "$(dirname "$0")/apt.sh"

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt_install postgresql
fi

# The package creates a cluster named "main"; create one if it is missing (e.g. a purged data dir).
VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${VERSION} main$"; then
  as_root pg_createcluster "$VERSION" main --port "$DB_PORT" >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $4}' | grep -q online; then
  as_root pg_ctlcluster "$VERSION" main start
fi

# Wait until the server accepts connections (a fresh start takes a moment).
for _ in $(seq 1 30); do
  if as_root su postgres -c "psql -q -p $DB_PORT -c 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done

psql_admin() { as_root su postgres -c "psql -v ON_ERROR_STOP=1 -q -p $DB_PORT -tAc \"$1\""; }

if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname='${DB_USER}'")" != "1" ]; then
  psql_admin "CREATE ROLE ${DB_USER} LOGIN PASSWORD '${DB_PASSWORD}'"
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname='${DB_NAME}'")" != "1" ]; then
  psql_admin "CREATE DATABASE ${DB_NAME} OWNER ${DB_USER}"
fi

URL="postgres://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${DB_PORT}/${DB_NAME}"
# Check that the URL really works over TCP with a password, as the tests will use it.
PGPASSWORD="$DB_PASSWORD" psql -q -h 127.0.0.1 -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -c 'select 1' >/dev/null
echo "$URL"
