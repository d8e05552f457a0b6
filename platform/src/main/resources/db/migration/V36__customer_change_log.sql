-- The customer change log (issue 17, docs/reports.md): email changes, paperless on/off, autopay on/off, registrations
-- and unregistrations. Before this, only the current state was kept (paperless_enrolment, autopay_enrolment,
-- payer_account, the emails), so nothing said what changed when. Conveyances are not copied here: account_conveyance
-- records them already and the report reads it.
--
-- The rows are written by triggers on the tables that hold the state, in the transaction of the change, so every path
-- that changes them (the API, both portals, the CIS's own changes, conveyance, conversion, staff) is recorded without
-- each having to remember to, and a rolled-back change leaves no row.
create table customer_change (
    change_id      bigserial primary key,
    biller_id      bigint not null references biller,
    account_number text not null,
    kind           text not null check (kind in ('EMAIL', 'PAPERLESS_ON', 'PAPERLESS_OFF', 'AUTOPAY_ON', 'AUTOPAY_OFF',
                                                 'REGISTERED', 'UNREGISTERED')),
    old_value      text,
    new_value      text,
    -- the portal user concerned: whose email changed, who registered or unregistered the account
    username       text,
    -- who made the change, where the changed table records it (changed_by); null where it does not
    actor          text,
    changed_at     timestamptz not null default now()
);
create index customer_change_by_time on customer_change (biller_id, changed_at, change_id);

create function customer_change_paperless() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' or old.enrolled is distinct from new.enrolled then
        insert into customer_change (biller_id, account_number, kind, actor)
        values (new.biller_id, new.account_number, case when new.enrolled then 'PAPERLESS_ON' else 'PAPERLESS_OFF' end,
                new.changed_by);
    end if;
    return null;
end $$;
create trigger customer_change_paperless after insert or update on paperless_enrolment
    for each row execute function customer_change_paperless();

create function customer_change_autopay() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into customer_change (biller_id, account_number, kind, actor)
        values (new.biller_id, new.account_number, 'AUTOPAY_ON', new.changed_by);
    else
        -- the row is gone, and with it any record of who cancelled: the actor stays unknown
        insert into customer_change (biller_id, account_number, kind)
        values (old.biller_id, old.account_number, 'AUTOPAY_OFF');
    end if;
    return null;
end $$;
create trigger customer_change_autopay after insert or delete on autopay_enrolment
    for each row execute function customer_change_autopay();

create function customer_change_registration() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into customer_change (biller_id, account_number, kind, username)
        select new.biller_id, new.account_number, 'REGISTERED', u.username from payer_user u where u.user_id = new.user_id;
    else
        -- a user deleted outright takes its links with it (on delete cascade); its name is gone by then
        insert into customer_change (biller_id, account_number, kind, username)
        values (old.biller_id, old.account_number, 'UNREGISTERED',
                coalesce((select u.username from payer_user u where u.user_id = old.user_id), 'user ' || old.user_id));
    end if;
    return null;
end $$;
create trigger customer_change_registration after insert or delete on payer_account
    for each row execute function customer_change_registration();

-- A portal user's email is the address of every account the user holds, so the change is logged for each.
create function customer_change_user_email() returns trigger language plpgsql as $$
begin
    insert into customer_change (biller_id, account_number, kind, old_value, new_value, username)
    select pa.biller_id, pa.account_number, 'EMAIL', old.email, new.email, new.username
    from payer_account pa where pa.user_id = new.user_id;
    return null;
end $$;
create trigger customer_change_user_email after update of email on payer_user
    for each row when (old.email is distinct from new.email) execute function customer_change_user_email();

-- The account's own email (from invoice files, the CIS, the portal's account emails). An account's first email is not a
-- change; the WHEN clause keeps the trigger off the invoice import's path for every other update.
create function customer_change_account_email() returns trigger language plpgsql as $$
begin
    insert into customer_change (biller_id, account_number, kind, old_value, new_value)
    values (new.biller_id, new.account_number, 'EMAIL', old.email, new.email);
    return null;
end $$;
create trigger customer_change_account_email after update of email on account
    for each row when (old.email is distinct from new.email) execute function customer_change_account_email();
