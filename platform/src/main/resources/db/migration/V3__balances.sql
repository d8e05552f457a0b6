-- The last balance the CIS gave for an account (SPEC C3). Amounts are unconstrained numerics so a
-- CIS value is stored exactly as received, never rounded.
create table account_balance (
    biller_id         bigint not null,
    account_number    text not null,
    balance_due       numeric not null,
    past_due          numeric not null,
    remaining_balance numeric,
    remaining_days    numeric,
    refreshed_at      timestamptz not null,
    primary key (biller_id, account_number),
    foreign key (biller_id, account_number) references account
);

-- Every CIS call that did not give a usable answer.
create table cis_call_failure (
    failure_id     bigserial primary key,
    biller_id      bigint not null references biller,
    account_number text,
    operation      text not null,
    kind           text not null,
    message        text not null,
    occurred_at    timestamptz not null default now()
);
create index cis_call_failure_recent on cis_call_failure (biller_id, occurred_at desc);
