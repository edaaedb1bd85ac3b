#!/bin/sh
# Runs once, when the PostgreSQL data volume is first initialised (docker-entrypoint-initdb.d).
# One database per service, each owned by a role of its own, so that a service can write only its own
# database (ARCHITECTURE.md, "Rules of ownership"). Each role's password comes from the environment
# (<SERVICE>_DB_PASSWORD); there is no default.
set -eu

SERVICES="portal intake scoring dunning legal"

for service in $SERVICES; do
    variable="$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
    password="$(printenv "$variable" || true)"
    if [ -z "$password" ]; then
        echo "create-databases: $variable is not set; refusing to create a role without a password" >&2
        exit 1
    fi
    psql --set ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
         --set role="recouvra_$service" --set password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
    echo "create-databases: recouvra_$service ready"
done
