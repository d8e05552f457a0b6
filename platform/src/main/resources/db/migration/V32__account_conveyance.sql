-- Conveyances (docs/conveyance.md): an account changed owner, by the API, by an invoice file's Conveyance flag
-- (FileSpecId 2017) or by a changed customer name (option 1011). Each row records what the conveyance removed, for the
-- biller portal's customer change log; one with nothing to remove is recorded all the same.
create table account_conveyance (
    conveyance_id           bigserial primary key,
    biller_id               bigint not null references biller,
    account_number          text not null,
    trigger_kind            text not null check (trigger_kind in ('API', 'FILE', 'NAME_CHANGE')),
    -- who asked: the API caller ("operator", "biller 7 api key") or the invoice file ("invoice file 42")
    actor                   text not null,
    -- the invoice file that conveyed it, for FILE and NAME_CHANGE
    file_id                 bigint references invoice_file,
    old_customer_name       text,
    new_customer_name       text,
    reason                  text,
    -- the portal users the account was taken from, by username
    users_removed           text[] not null,
    autopay_cancelled       boolean not null,
    scheduled_cancelled     integer not null,
    methods_detached        integer not null,
    -- an API request's Idempotency-Key: the same key answers the first conveyance again and does nothing more
    idempotency_key         text,
    conveyed_at             timestamptz not null default now()
);
create index account_conveyance_by_account on account_conveyance (biller_id, account_number, conveyance_id desc);
create index account_conveyance_by_time on account_conveyance (biller_id, conveyed_at desc);
create unique index account_conveyance_once_per_key on account_conveyance (biller_id, idempotency_key)
    where idempotency_key is not null;
