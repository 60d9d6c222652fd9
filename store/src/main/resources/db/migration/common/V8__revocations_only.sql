-- cert_status keeps revocations only (docs/store.md): a certificate without a row is good. Before,
-- every issuance also wrote a "good" row keyed by the random 128-bit serial, one more insert at a
-- random place of one more index for every certificate, which the durable commit then wrote out
-- (BENCHMARKS.md, "Issuing a certificate"). Status still lives apart from the append-only
-- certificates; a revocation is now an INSERT (the CHECK of V1 still ties its three columns).
DELETE FROM cert_status WHERE revoked = 0;
DROP INDEX cert_status_revoked;
