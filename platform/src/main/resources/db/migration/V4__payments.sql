-- Payments (SPEC C6). Card and bank numbers never reach these tables: only the gateway's token,
-- the brand and the last four digits.
create table payment (
    payment_id        bigserial primary key,
    payment_guid      uuid not null unique,
    biller_id         bigint not null references biller,
    account_number    text not null,
    invoice_number    text,
    channel           text not null check (channel in ('WEB', 'CPV2', 'CSRWEB', 'IVR', 'KIOSK', 'OBD', 'AUTOPAY', 'SCHEDULED', 'POS')),
    method            text not null check (method in ('CARD', 'ACH')),
    status            text not null check (status in ('INITIATED', 'APPROVED', 'DECLINED', 'ERROR', 'UNKNOWN',
                                                      'SETTLED', 'VOIDED', 'REFUNDED')),
    amount            numeric(15, 2) not null check (amount > 0),
    fee               numeric(15, 2) not null default 0 check (fee >= 0),
    card_brand        text,
    last4             text,
    method_token      text not null,
    approval_code     text,
    gateway_reference text,
    gateway_message   text,
    payer_email       text,
    kiosk_id          text,
    idempotency_key   text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    foreign key (biller_id, account_number) references account
);
create index payment_by_account on payment (biller_id, account_number, created_at desc);
create index payment_unknown on payment (status, updated_at) where status in ('INITIATED', 'UNKNOWN');

-- Every state change, for audit and for the repair job.
create table payment_event (
    event_id    bigserial primary key,
    payment_id  bigint not null references payment,
    from_status text,
    to_status   text not null,
    detail      text,
    at          timestamptz not null default now()
);

-- An Idempotency-Key's first answer, replayed for every later submission with the same key.
create table idempotency_key (
    biller_id      bigint not null references biller,
    key            text not null,
    request_sha256 text not null,
    status_code    integer,
    response       jsonb,
    payment_id     bigint references payment,
    created_at     timestamptz not null default now(),
    primary key (biller_id, key)
);
