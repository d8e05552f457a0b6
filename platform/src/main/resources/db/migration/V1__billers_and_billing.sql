-- Every row that belongs to a biller carries biller_id, and every query filters on it.

create table biller (
    biller_id   bigint primary key check (biller_id > 0),
    guid        uuid not null unique,
    name        text not null,
    template    text not null,
    file_spec   text not null,
    created_at  timestamptz not null default now()
);

-- Keys are looked up by their SHA-256 (they are long random strings); the AES-GCM copy lets an
-- operator re-issue them to the partner without rotating. Neither is ever shown by the API.
create table biller_key (
    biller_id   bigint not null references biller,
    kind        text not null check (kind in ('WEB_SERVICE', 'API', 'CPV2')),
    environment text not null check (environment in ('TEST', 'PROD')),
    key_sha256  bytea not null unique,
    key_cipher  bytea not null,
    last4       text not null,
    created_at  timestamptz not null default now(),
    primary key (biller_id, kind, environment)
);

create table invoice_type (
    biller_id   bigint not null references biller,
    type_id     integer not null,
    name        text not null,
    primary key (biller_id, type_id)
);

-- invoice_type_id 0 = a biller-wide option; options 40 and 41 are set per invoice type.
create table biller_option (
    biller_id       bigint not null references biller,
    option_id       integer not null,
    invoice_type_id integer not null default 0,
    value           text not null,
    updated_at      timestamptz not null default now(),
    primary key (biller_id, option_id, invoice_type_id)
);

create table biller_setting (
    biller_id    bigint not null references biller,
    setting_id   integer not null,
    value        text,
    value_cipher bytea,
    updated_at   timestamptz not null default now(),
    primary key (biller_id, setting_id),
    check ((value is null) <> (value_cipher is null))
);

create table config_change (
    change_id   bigserial primary key,
    biller_id   bigint not null references biller,
    what        text not null,
    new_value   text,
    changed_by  text not null,
    changed_at  timestamptz not null default now()
);

-- An account as the CIS forms it (base-sub), with the customer data of its latest CR row.
create table account (
    biller_id              bigint not null references biller,
    account_number         text not null,
    customer_number        text,
    customer_name          text not null,
    address1               text,
    address2               text,
    city                   text,
    state                  text,
    zip                    text,
    phone                  text,
    email                  text,
    display_account_number text,
    block_cc               boolean not null default false,
    block_ach              boolean not null default false,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    primary key (biller_id, account_number)
);
create index account_zip on account (biller_id, zip);

create table invoice_file (
    file_id        bigserial primary key,
    biller_id      bigint not null references biller,
    file_name      text not null,
    sha256         text not null,
    size_bytes     bigint not null,
    source         text not null,
    received_by    text not null,
    received_at    timestamptz not null default now(),
    finished_at    timestamptz,
    outcome        text not null check (outcome in ('IMPORTED', 'REJECTED', 'FAILED')),
    invoices       bigint not null default 0,
    accounts       bigint not null default 0,
    total_amount   numeric(15, 2) not null default 0,
    superseded     bigint not null default 0,
    error_count    bigint not null default 0,
    errors         jsonb
);
-- The same file imported twice is a no-op: only one IMPORTED row per content hash.
create unique index invoice_file_once on invoice_file (biller_id, sha256) where outcome = 'IMPORTED';
create index invoice_file_by_biller on invoice_file (biller_id, received_at desc);

create table invoice (
    invoice_id                 bigserial primary key,
    biller_id                  bigint not null references biller,
    invoice_number             text not null,
    account_number             text not null,
    file_id                    bigint not null references invoice_file,
    file_line                  bigint not null,
    status                     text not null check (status in ('OPEN', 'SUPERSEDED', 'PAID', 'PARTIALLY_PAID')),
    invoice_format_guid        uuid,
    invoice_type_id            integer,
    invoice_date               date not null,
    due_date                   date not null,
    total_amount_due           numeric(15, 2) not null,
    past_due                   numeric(15, 2),
    custom1 text, custom2 text, custom3 text, custom4 text, custom5 text,
    custom6 text, custom7 text, custom8 text, custom9 text, custom10 text,
    allow_partial_payments     boolean,
    autopay_collection_date    date,
    balance_forward            numeric(15, 2),
    first_notify_date          date,
    second_notify_date         date,
    third_notify_date          date,
    payment_expiration_date    date,
    payment_expiration_message text,
    minimum_amount_due         numeric(15, 2),
    cc_service_fee             numeric(15, 2),
    ach_service_fee            numeric(15, 2),
    late_fee_date              date,
    location_reference         text,
    prompt_pay_expiration_date date,
    registration_value         text,
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now(),
    unique (biller_id, invoice_number)
);
create index invoice_by_account on invoice (biller_id, account_number, invoice_date desc, invoice_id desc);

create table invoice_line (
    biller_id      bigint not null,
    invoice_number text not null,
    line_no        integer not null,
    description    text not null,
    amount         numeric(15, 2) not null,
    primary key (biller_id, invoice_number, line_no)
);
