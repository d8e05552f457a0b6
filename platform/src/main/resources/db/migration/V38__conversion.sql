-- Conversion onto a new CIS (docs/conversion.md): every account number of a biller replaced in one transaction.

-- One row per apply (and its rollback): what plan it ran, what it moved, how it ended. A failed run leaves no row at
-- all (its transaction rolled back), so every row here is a conversion that happened.
create table conversion_run (
    conversion_id   bigserial primary key,
    biller_id       bigint not null references biller,
    -- the checksum of the biller's state the plan was made from (and that apply found unchanged)
    plan_checksum   text not null,
    accounts        integer not null,
    -- rows re-keyed per table, e.g. {"invoice": 2, "payment": 1}
    counts          jsonb not null,
    status          text not null check (status in ('APPLIED', 'ROLLED_BACK')),
    actor           text not null,
    started_at      timestamptz not null,
    finished_at     timestamptz not null,
    -- the biller's newest invoice file and payment when it ran: one after either closes the rollback window
    last_file_id    bigint,
    last_payment_id bigint,
    rolled_back_at  timestamptz,
    rolled_back_by  text
);
create index conversion_run_by_biller on conversion_run (biller_id, conversion_id desc);

-- account_renumbering.conversion_id names a run of this table. No foreign key on purpose: the readers of
-- account_renumbering (payments, Pay Now, balances, the invoice import) are tested with rows they write themselves,
-- without a conversion run behind them.

-- The pairs one run changed, old to new, so a rollback puts exactly these back (account_renumbering keeps only an
-- account's latest number, and forgets the chain).
create table conversion_pair (
    conversion_id       bigint not null references conversion_run,
    biller_id           bigint not null,
    old_account_number  text not null,
    new_account_number  text not null,
    -- what the conversion replaced beside the number, put back by a rollback: the base and sub of the account's latest
    -- invoice (when the cross-reference file gave new ones) and the number shown for the account
    old_custom2         text,
    old_custom3         text,
    old_display_number  text,
    primary key (conversion_id, old_account_number)
);

-- Saved methods taken from the wallets of the payers a conversion unregistered, kept with the account's new number:
-- whoever registers the account again is offered them (docs/conversion.md). The token stays on the platform.
create table conversion_held_method (
    held_id         bigserial primary key,
    conversion_id   bigint not null references conversion_run,
    biller_id       bigint not null,
    account_number  text not null,
    former_user_id  bigint not null,
    method          text not null check (method in ('CARD', 'ACH')),
    token           text not null,
    brand           text,
    last4           text not null,
    exp_month       integer,
    exp_year        integer,
    account_type    text,
    was_default     boolean not null,
    offered_at      timestamptz
);
create index conversion_held_method_by_account on conversion_held_method (biller_id, account_number);

-- Apply renames an account and every row that names it in one transaction. The foreign keys to account cannot be
-- checked row by row while that happens (the child moves in one statement, the account in another), so they are
-- made deferrable, still checked at once unless a transaction says otherwise: only apply and rollback defer them,
-- and only until their commit, where any row left pointing at a missing account still fails the whole run.
do $$
declare
    c record;
begin
    for c in
        select con.conname, rel.relname
        from pg_constraint con
        join pg_class rel on rel.oid = con.conrelid
        join pg_class ref on ref.oid = con.confrelid
        where con.contype = 'f' and ref.relname = 'account' and not con.condeferrable
    loop
        execute format('alter table %I alter constraint %I deferrable initially immediate', c.relname, c.conname);
    end loop;
end $$;

-- The held methods are offered back: the first payer to register a converted account again finds them in the wallet, as
-- they were saved (the default one made the default if the wallet has none). A trigger, like the customer change log's,
-- so every path that registers a payer (the CIS's registration, self sign-up, an invitation, staff) offers them without
-- each having to know about conversions. A method the wallet holds already is not added twice.
create function conversion_offer_held_methods() returns trigger language plpgsql as $$
declare
    h record;
begin
    for h in
        select * from conversion_held_method
        where biller_id = new.biller_id and account_number = new.account_number and offered_at is null
        order by was_default desc, held_id
        for update
    loop
        if not exists (select 1 from payer_method m where m.user_id = new.user_id and m.token = h.token and m.removed_at is null) then
            insert into payer_method (method_guid, biller_id, user_id, method, token, brand, last4, exp_month, exp_year, account_type,
                                      is_default)
            values (gen_random_uuid(), h.biller_id, new.user_id, h.method, h.token, h.brand, h.last4, h.exp_month, h.exp_year,
                    h.account_type, h.was_default and not exists (select 1 from payer_method d where d.user_id = new.user_id
                                                                   and d.is_default and d.removed_at is null));
        end if;
    end loop;
    update conversion_held_method set offered_at = now()
    where biller_id = new.biller_id and account_number = new.account_number and offered_at is null;
    return null;
end $$;
create trigger conversion_offer_held_methods after insert on payer_account
    for each row execute function conversion_offer_held_methods();
