-- Payers (docs/payers.md): users of the customer portal, each a co-owner of the accounts linked to it.
-- Usernames are unique per biller regardless of case; the CIS names them, so they are kept as sent.
create table payer_user (
    user_id       bigserial primary key,
    biller_id     bigint not null references biller,
    username      text not null check (length(username) between 1 and 100),
    email         text not null check (length(email) between 3 and 254),
    -- Argon2id (PHC string); null until the payer sets a password from an emailed link
    password_hash text,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create unique index payer_user_name on payer_user (biller_id, lower(username));

create table payer_account (
    user_id        bigint not null references payer_user on delete cascade,
    biller_id      bigint not null references biller,
    account_number text not null,
    linked_at      timestamptz not null default now(),
    primary key (user_id, account_number)
);
create index payer_account_by_account on payer_account (biller_id, account_number);

-- Single-use tokens: sign-on links from the CIS portal and emailed password links. Only a hash is kept,
-- so a copy of the table opens nothing.
create table payer_token (
    token_hash  bytea primary key,
    biller_id   bigint not null references biller,
    user_id     bigint not null references payer_user on delete cascade,
    purpose     text not null check (purpose in ('SSO', 'SET_PASSWORD', 'PAY_NOW')),
    target      text,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null default now()
);
create index payer_token_expiry on payer_token (expires_at);

-- Spring Session JDBC's tables, as its PostgreSQL schema defines them: the portal's and the payment
-- page's sessions live here, so every node sees every session.
create table spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint not null,
    last_access_time      bigint not null,
    max_inactive_interval int not null,
    expiry_time           bigint not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36) not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id) on delete cascade
);
