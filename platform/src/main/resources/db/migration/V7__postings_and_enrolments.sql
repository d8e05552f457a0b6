-- The outbox (SPEC C4, and C7 postbacks): every posting is written in the transaction of the change
-- that causes it, then claimed by workers (FOR UPDATE SKIP LOCKED, any number of processes) and
-- delivered at least once under its stable posting_guid.
create table posting (
    posting_id      bigserial primary key,
    posting_guid    uuid not null unique,
    biller_id       bigint not null references biller,
    kind            text not null check (kind in ('CIS_PAYMENT', 'CIS_PAPERLESS', 'CIS_AUTOPAY', 'CIS_SCHEDULED_PAYMENT', 'POSTBACK')),
    -- postings sharing (biller_id, order_key) are delivered one after another in posting_id order
    order_key       text,
    payload         jsonb not null,
    status          text not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'PARKED', 'SKIPPED')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    -- a claimed posting is someone's until then; a crashed worker's claim simply runs out
    leased_until    timestamptz,
    leased_by       text,
    last_error      text,
    outcome         text,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz,
    updated_at      timestamptz not null default now()
);
create index posting_due on posting (next_attempt_at, posting_id) where status = 'PENDING';
create index posting_open_by_key on posting (biller_id, order_key, posting_id) where status in ('PENDING', 'PARKED');
create index posting_by_biller on posting (biller_id, status, posting_id);

-- Who retried or skipped a parked posting, and why; when it was parked and with what error.
create table posting_event (
    event_id   bigserial primary key,
    posting_id bigint not null references posting,
    action     text not null check (action in ('PARKED', 'RETRY', 'SKIP')),
    actor      text not null,
    reason     text,
    at         timestamptz not null default now()
);
create index posting_event_by_posting on posting_event (posting_id);

-- Paperless billing: one row per account that ever changed; the CIS learns every change (EBILL Y/N).
create table paperless_enrolment (
    biller_id      bigint not null,
    account_number text not null,
    enrolled       boolean not null,
    changed_at     timestamptz not null default now(),
    changed_by     text not null,
    primary key (biller_id, account_number),
    foreign key (biller_id, account_number) references account
);

-- Autopay: a row while enrolled, with the saved method (gateway token, brand, last four only).
create table autopay_enrolment (
    biller_id      bigint not null,
    account_number text not null,
    method         text not null check (method in ('CARD', 'ACH')),
    method_token   text not null,
    card_brand     text,
    last4          text,
    enrolled_at    timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    changed_by     text not null,
    primary key (biller_id, account_number),
    foreign key (biller_id, account_number) references account
);

create table scheduled_payment (
    scheduled_payment_id   bigserial primary key,
    scheduled_payment_guid uuid not null unique,
    biller_id              bigint not null,
    account_number         text not null,
    invoice_number         text not null,
    pay_on                 date not null,
    amount                 numeric(15, 2) not null check (amount > 0),
    method                 text not null check (method in ('CARD', 'ACH')),
    method_token           text not null,
    card_brand             text,
    last4                  text,
    status                 text not null default 'SCHEDULED' check (status in ('SCHEDULED', 'CANCELLED')),
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    changed_by             text not null,
    foreign key (biller_id, account_number) references account
);
create index scheduled_payment_by_account on scheduled_payment (biller_id, account_number, pay_on);
