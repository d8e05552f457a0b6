-- Cloud Payments V2 ("Pay Now", SPEC C7). A partner's request becomes a session reached through a
-- one-time link; opening the link swaps it for a page key that the hosted page carries in its URLs
-- (no cookie is needed, so the page works inside a partner's iframe). Both are random and stored
-- only as SHA-256. The request is kept as parsed (never any card data: partners do not send it).
create table paynow_session (
    session_id   bigserial primary key,
    session_guid uuid not null unique,
    biller_id    bigint not null references biller,
    environment  text not null check (environment in ('TEST', 'PROD')),
    link_sha256  bytea not null unique,
    page_sha256  bytea unique,
    request      jsonb not null,
    -- invoices the payer took out of the payment (AllowRemove), as "accountNumber/invoiceNumber"
    removed      text[] not null default '{}',
    -- the payment the payer is reviewing: gateway token, method, brand, last four, email, attempt id
    pending      jsonb,
    partner_ip   text,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    opened_at    timestamptz
);
create index paynow_session_by_biller on paynow_session (biller_id, created_at desc);
-- for the purge of sessions that expired unpaid
create index paynow_session_expiry on paynow_session (expires_at);

-- Each payment taken on the hosted page, by the idempotency key it was submitted under, so the
-- postback (told inside the payment's own transaction) finds its session, payer IP and invoice.
create table paynow_payment (
    biller_id       bigint not null references biller,
    idempotency_key text not null,
    session_id      bigint not null references paynow_session,
    account_number  text not null,
    invoice_number  text not null,
    remote_ip       text,
    created_at      timestamptz not null default now(),
    primary key (biller_id, idempotency_key)
);
create index paynow_payment_by_session on paynow_payment (session_id);
