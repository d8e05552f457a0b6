-- Self-service registration (docs/payers.md), for billers whose CIS does not register their payers: a sign-up waits
-- here until its email address is confirmed by a link; only then does the user exist.
create table payer_signup (
    signup_id      bigserial primary key,
    token_hash     bytea not null unique,
    biller_id      bigint not null references biller,
    account_number text not null,
    username       text not null,
    email          text not null,
    password_hash  text not null,
    expires_at     timestamptz not null,
    confirmed_at   timestamptz,
    created_at     timestamptz not null default now()
);
create index payer_signup_expiry on payer_signup (expires_at);

-- A co-owner invited by email by a user of the account; accepted once, by whoever opens the link and signs in or
-- registers.
create table payer_invitation (
    invitation_id  bigserial primary key,
    invitation_guid uuid not null unique,
    token_hash     bytea not null unique,
    biller_id      bigint not null references biller,
    account_number text not null,
    invited_by     bigint not null references payer_user on delete cascade,
    email          text not null,
    expires_at     timestamptz not null,
    accepted_at    timestamptz,
    accepted_by    bigint references payer_user on delete set null,
    cancelled_at   timestamptz,
    created_at     timestamptz not null default now()
);
create index payer_invitation_by_account on payer_invitation (biller_id, account_number);
