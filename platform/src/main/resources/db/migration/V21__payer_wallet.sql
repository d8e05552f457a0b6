-- A payer's wallet (docs/payers.md): saved cards and bank accounts. Only the processor's token and what may be
-- shown (brand, last four, expiry) are kept; the token is this biller's and this user's alone.
create table payer_method (
    method_id    bigserial primary key,
    -- the id pages and URLs use; never the token
    method_guid  uuid not null unique,
    biller_id    bigint not null references biller,
    user_id      bigint not null references payer_user on delete cascade,
    method       text not null check (method in ('CARD', 'ACH')),
    token        text not null,
    brand        text,
    last4        text not null,
    exp_month    integer check (exp_month between 1 and 12),
    exp_year     integer,
    account_type text check (account_type in ('CHECKING', 'SAVINGS')),
    is_default   boolean not null default false,
    created_at   timestamptz not null default now(),
    removed_at   timestamptz
);
create index payer_method_by_user on payer_method (user_id) where removed_at is null;
-- at most one default per user, and one live row per token
create unique index payer_method_one_default on payer_method (user_id) where is_default and removed_at is null;
create unique index payer_method_token on payer_method (user_id, token) where removed_at is null;
