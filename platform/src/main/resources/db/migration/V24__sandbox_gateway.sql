-- The sandbox processor's own records (docs/payments.md, "Sandbox gateway"): in PostgreSQL, so saved methods and
-- autopay outlive a restart, and any node's repair job can ask about a charge another node made. A real processor
-- keeps these on its side; nothing here is a card or account number.
create table sandbox_token (
    token      text primary key,
    biller_id  bigint not null,
    method     text not null check (method in ('CARD', 'ACH')),
    brand      text,
    last4      text not null,
    behaviour  text not null,
    created_at timestamptz not null default now()
);

create table sandbox_charge (
    payment_guid  uuid primary key,
    biller_id     bigint not null,
    token         text not null,
    total         numeric(15, 2) not null,
    outcome       text not null,
    approval_code text,
    reference     text,
    message       text,
    created_at    timestamptz not null default now()
);

-- approval codes count up from a random start (docs/postings.md says why they should rarely repeat)
create sequence sandbox_approval_seq;
select setval('sandbox_approval_seq', 1 + floor(random() * 1000000)::bigint);
