-- Refunds and voids (issue #20 item 5, docs/refunds.md).

-- The sandbox processor's side: its refunds, keyed by the refund id the platform sends as idempotency key, so a
-- repeated id gets the first result back; and when a charge was voided.
alter table sandbox_charge add column voided_at timestamptz;

create table sandbox_refund (
    refund_id    uuid primary key,
    payment_guid uuid not null,
    biller_id    bigint not null,
    amount       numeric(15, 2) not null,
    outcome      text not null,
    reference    text,
    message      text,
    created_at   timestamptz not null default now()
);
create index sandbox_refund_by_charge on sandbox_refund (payment_guid);

-- The platform's side: every refund or void asked for, what the processor answered, and who asked. A row is
-- written UNKNOWN before the processor is called (while the payment row is locked), so an amount being refunded
-- counts against what is left before its answer is in, and a refund lost to a timeout is never guessed.
create table payment_refund (
    refund_id           uuid primary key,
    biller_id           bigint not null references biller,
    payment_id          bigint not null references payment,
    payment_guid        uuid not null,
    kind                text not null check (kind in ('REFUND', 'VOID')),
    amount              numeric(15, 2) not null check (amount > 0),
    reason              text,
    requested_by        text not null,
    idempotency_key     text not null,
    request_sha256      text not null,
    status              text not null check (status in ('UNKNOWN', 'APPROVED', 'DECLINED', 'ERROR')),
    processor_reference text,
    processor_message   text,
    created_at          timestamptz not null,
    decided_at          timestamptz,
    unique (biller_id, idempotency_key)
);
create index payment_refund_by_payment on payment_refund (payment_id, created_at);
-- the batch report reads the refunds and voids of a business day
create index payment_refund_by_day on payment_refund (biller_id, created_at) where status = 'APPROVED';
