-- Account numbers a conversion onto a new CIS replaced (docs/conversion.md). The conversion writes one row per account
-- in the same transaction that re-keys every table, and a rollback deletes them in its own. After that:
--   a payment, balance look-up or Pay Now request naming the old number is resolved to the new one;
--   an invoice file still carrying old numbers is refused, naming them.
-- The old number is unique per biller: an account converted twice keeps one row, pointed at its latest number.
create table account_renumbering (
    biller_id           bigint not null references biller,
    old_account_number  text not null,
    new_account_number  text not null,
    -- the conversion run that made the change (its table belongs to the conversion module)
    conversion_id       bigint not null,
    renumbered_at       timestamptz not null default now(),
    primary key (biller_id, old_account_number),
    check (old_account_number <> new_account_number)
);
create index account_renumbering_by_new on account_renumbering (biller_id, new_account_number);
