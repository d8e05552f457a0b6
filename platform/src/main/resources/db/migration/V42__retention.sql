-- The retention jobs (docs/operations.md, "Retention") find the oldest finished rows in batches: without these
-- indexes each batch would scan the whole table.
create index posting_finished_by_age on posting (updated_at) where status in ('DELIVERED', 'SKIPPED');
create index idempotency_key_answered_by_age on idempotency_key (created_at) where status_code is not null;
