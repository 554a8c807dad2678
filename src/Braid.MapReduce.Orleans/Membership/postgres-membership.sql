-- Braid's cluster membership in PostgreSQL, for Orleans' ADO.NET clustering (Microsoft.Orleans.Clustering.AdoNet with
-- Npgsql). Written for Braid: the tables are Braid's own; what Orleans fixes is the OrleansQuery table it reads its
-- queries from, the query keys, and the parameter and column names of each query. A silo runs this at start (under an
-- advisory lock, so silos starting together do not race); it is safe to run again, by hand too:
--   psql "$CONNECTION" -f postgres-membership.sql
-- Writes are optimistic, as Orleans' protocol asks: a write names the table version it read, and succeeds (returns 1)
-- only if that is still the version, which it then raises; the version row's lock orders concurrent writers.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);

CREATE TABLE IF NOT EXISTS braid_membership_version
(
    cluster varchar(150) PRIMARY KEY,
    changed timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS braid_silos
(
    cluster varchar(150) NOT NULL REFERENCES braid_membership_version (cluster) ON DELETE CASCADE,
    address varchar(45) NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name varchar(150) NOT NULL,
    host_name varchar(150) NOT NULL,
    status integer NOT NULL,
    proxy_port integer NULL,
    suspect_times varchar(8000) NULL,
    start_time timestamptz NOT NULL,
    i_am_alive timestamptz NOT NULL,
    PRIMARY KEY (cluster, address, port, generation)
);

-- Raises a cluster's table version if it is still the one the writer read; returns the cluster, or null when another
-- write came first. The row lock it takes orders concurrent writers: the second sees the new version and fails.
CREATE OR REPLACE FUNCTION braid_bump_version(cluster_arg varchar, version_arg integer) RETURNS varchar
LANGUAGE sql AS $f$
    UPDATE braid_membership_version SET version = version + 1, changed = now()
    WHERE cluster = cluster_arg AND version = version_arg
    RETURNING cluster
$f$;

-- A silo's row under the names Orleans reads (the version row is joined to it: a cluster with no silos yet still
-- answers with its version).
CREATE OR REPLACE VIEW braid_silo_rows AS
SELECT cluster AS silo_cluster, address AS Address, port AS Port, generation AS Generation, silo_name AS SiloName,
       host_name AS HostName, status AS Status, proxy_port AS ProxyPort, suspect_times AS SuspectTimes,
       start_time AS StartTime, i_am_alive AS IAmAliveTime
FROM braid_silos;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO braid_membership_version (cluster) VALUES (@DeploymentId) ON CONFLICT DO NOTHING RETURNING 1)
SELECT count(*)::integer FROM created
$q$),
('InsertMembershipKey', $q$
WITH bumped AS (
    SELECT cluster FROM braid_bump_version(@DeploymentId, @Version) AS cluster WHERE cluster IS NOT NULL),
joined AS (
    INSERT INTO braid_silos (cluster, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive)
    SELECT cluster, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM joined
$q$),
('UpdateMembershipKey', $q$
WITH bumped AS (
    SELECT cluster FROM braid_bump_version(@DeploymentId, @Version) AS cluster WHERE cluster IS NOT NULL),
changed AS (
    UPDATE braid_silos AS s SET status = @Status, suspect_times = @SuspectTimes, i_am_alive = @IAmAliveTime
    FROM bumped
    WHERE s.cluster = bumped.cluster AND s.address = @Address AND s.port = @Port AND s.generation = @Generation
    RETURNING 1)
SELECT count(*)::integer FROM changed
$q$),
('UpdateIAmAlivetimeKey', $q$
UPDATE braid_silos SET i_am_alive = @IAmAliveTime
WHERE cluster = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),
('MembershipReadRowKey', $q$
SELECT v.cluster AS DeploymentId, r.*, v.version AS Version
FROM braid_membership_version AS v
LEFT JOIN braid_silo_rows AS r
    ON r.silo_cluster = v.cluster AND r.Address = @Address AND r.Port = @Port AND r.Generation = @Generation
WHERE v.cluster = @DeploymentId
$q$),
('MembershipReadAllKey', $q$
SELECT v.cluster AS DeploymentId, r.*, v.version AS Version
FROM braid_membership_version AS v
LEFT JOIN braid_silo_rows AS r ON r.silo_cluster = v.cluster
WHERE v.cluster = @DeploymentId
$q$),
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM braid_membership_version WHERE cluster = @DeploymentId
$q$),
('GatewaysQueryKey', $q$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM braid_silos
WHERE cluster = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM braid_silos WHERE cluster = @DeploymentId AND i_am_alive < @IAmAliveTime AND status <> 3
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
