-- Autopay runs and their attempts (docs/autopay.md). An attempt row is claimed, and committed, before the
-- processor is called: the unique keys below are what make "at most one approved charge per bill" hold across
-- reruns, restarts and nodes running at once.
create table autopay_run (
    run_id      bigserial primary key,
    biller_id   bigint not null references biller,
    -- the biller's calendar date the run charges for
    run_date    date not null,
    status      text not null check (status in ('RUNNING', 'DONE')),
    started_by  text not null,
    started_at  timestamptz not null,
    finished_at timestamptz,
    -- accounts and scheduled payments this run found due (whoever charged them)
    due_count   integer not null default 0
);
create index autopay_run_by_biller on autopay_run (biller_id, run_date);

create table autopay_attempt (
    attempt_id           bigserial primary key,
    biller_id            bigint not null,
    account_number       text not null,
    invoice_number       text not null,
    -- null for autopay; the scheduled payment an attempt runs otherwise
    scheduled_payment_id bigint references scheduled_payment,
    kind                 text not null check (kind in ('AUTOPAY', 'SCHEDULED')),
    attempt_no           integer not null check (attempt_no > 0),
    run_id               bigint references autopay_run,
    run_date             date not null,
    -- IN_PROGRESS: claimed, the processor may have been called (settled by asking it, never by charging again);
    -- CIS_UNREACHABLE: tried again later that day; ABANDONED: interrupted before any payment existed
    status               text not null check (status in ('IN_PROGRESS', 'APPROVED', 'DECLINED', 'ERROR', 'CIS_UNREACHABLE',
                                                         'SKIPPED', 'ABANDONED')),
    reason               text,
    amount               numeric(15, 2),
    idempotency_key      text not null unique,
    payment_guid         uuid,
    message              text,
    claimed_at           timestamptz not null,
    updated_at           timestamptz not null,
    foreign key (biller_id, account_number) references account
);
-- one row per attempt number of a bill (or of a scheduled payment)
create unique index autopay_attempt_key on autopay_attempt
    (biller_id, account_number, invoice_number, coalesce(scheduled_payment_id, 0), attempt_no);
-- never two attempts at the processor, nor one after an approval, for the same bill (or scheduled payment)
create unique index autopay_attempt_one_live on autopay_attempt
    (biller_id, account_number, invoice_number, coalesce(scheduled_payment_id, 0))
    where status in ('IN_PROGRESS', 'APPROVED');
create index autopay_attempt_by_run on autopay_attempt (run_id);
create index autopay_attempt_open on autopay_attempt (biller_id, status) where status in ('IN_PROGRESS', 'CIS_UNREACHABLE');
