-- A new signing key is published before it signs: every instance and every verifier's JWKS cache learns it
-- first, so no one meets a token signed by a key it has not seen.
alter table signing_keys add column activates_at timestamp with time zone;
update signing_keys set activates_at = created_at;
alter table signing_keys alter column activates_at set not null;
