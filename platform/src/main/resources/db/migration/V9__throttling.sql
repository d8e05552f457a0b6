-- The throttle's budgets (docs/throttling.md): one Bucket4j token bucket per client address or account
-- number that failed lately, shared by every node. The id names the budget with a SHA-256 prefix of the
-- address or account number, never the value itself; state is Bucket4j's own serialized bucket.
create table throttle_bucket (
    id         text primary key,
    state      bytea,
    -- epoch milliseconds after which the bucket is full again and idle; the purge deletes it then
    expires_at bigint
);
create index throttle_bucket_expiry on throttle_bucket (expires_at);
