#!/bin/sh
# Run by Patroni once, on the new cluster's primary: the service's role and database.
set -eu
psql -v ON_ERROR_STOP=1 -v password="$CMS_DB_PASSWORD" "$1" <<'SQL'
CREATE ROLE cms LOGIN PASSWORD :'password';
CREATE DATABASE cms OWNER cms;
SQL
