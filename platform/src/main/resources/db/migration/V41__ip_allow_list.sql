-- A biller's IP allow-list per kind of key and environment (docs/ip-allow-list.md). No row, or no ranges, means
-- any address may use that key. Ranges are stored canonical (address/prefix), in the order written.
create table biller_ip_allow_list (
    biller_id   bigint not null references biller,
    key_kind    text not null check (key_kind in ('WEB_SERVICE', 'API', 'CPV2')),
    environment text not null check (environment in ('TEST', 'PROD')),
    ranges      text[] not null,
    updated_at  timestamptz not null default now(),
    primary key (biller_id, key_kind, environment)
);
