-- Daily batch closure (SPEC C6, C10). A payment joins a batch only when the batch is closed, so the
-- day still being taken has no row: its payments are the APPROVED ones with no batch yet. Rows are
-- written CLOSED; OPEN is the API's name for that not-yet-closed set.
create table payment_batch (
    batch_id      bigserial primary key,
    biller_id     bigint not null references biller,
    business_date date not null,
    status        text not null check (status in ('OPEN', 'CLOSED')),
    -- Payments created before this moment were eligible; a scheduled closure uses the configured
    -- close time itself, so a retry (or a second node) for the same day finds this row instead of
    -- making another.
    cutoff        timestamptz not null,
    closed_at     timestamptz,
    closed_by     text,
    -- Fixed when the batch closes, so the list of batches never has to re-add their payments.
    payment_count integer not null default 0 check (payment_count >= 0),
    total_amount  numeric(15, 2) not null default 0,
    total_fee     numeric(15, 2) not null default 0,
    check ((status = 'CLOSED') = (closed_at is not null and closed_by is not null)),
    unique (biller_id, cutoff)
);

alter table payment add column batch_id bigint references payment_batch;
create index payment_by_batch on payment (batch_id) where batch_id is not null;
-- What the next closure will take: small, since every closure empties it.
create index payment_unbatched on payment (biller_id, payment_id) where status = 'APPROVED' and batch_id is null;
