-- Daily settlement (docs/settlement.md): what the processor funded for a biller on a day, and what did not match.

-- One run per biller and day: a rerun, or a second node running the same day, finds this row and answers it.
create table settlement_run (
    biller_id       bigint not null references biller,
    settlement_date date not null,
    -- everything the processor reported funded that day
    funded_count    integer not null default 0 check (funded_count >= 0),
    funded_total    numeric(15, 2) not null default 0,
    -- the payments here it funded (moved to SETTLED by this run, or settled before)
    settled_count   integer not null default 0 check (settled_count >= 0),
    settled_total   numeric(15, 2) not null default 0,
    mismatch_count  integer not null default 0 check (mismatch_count >= 0),
    ran_at          timestamptz not null,
    ran_by          text not null,
    primary key (biller_id, settlement_date)
);

create table settlement_mismatch (
    biller_id       bigint not null,
    settlement_date date not null,
    kind            text not null check (kind in ('APPROVED_HERE_UNKNOWN_THERE', 'SETTLED_THERE_UNKNOWN_HERE', 'AMOUNT_DIFFERS')),
    payment_guid    uuid not null,
    -- what we charged (amount plus fee), null when we have no such payment
    our_amount      numeric(15, 2),
    -- what the processor funded, null when it funded nothing for it
    their_amount    numeric(15, 2),
    reference       text,
    primary key (biller_id, settlement_date, kind, payment_guid),
    foreign key (biller_id, settlement_date) references settlement_run
);

-- the sandbox reads a biller's approved charges of one business day
create index sandbox_charge_by_biller_time on sandbox_charge (biller_id, created_at);
-- settlement reads the payments still APPROVED from one business day
create index payment_approved_by_time on payment (biller_id, created_at) where status = 'APPROVED';

-- A payment settled before its batch closed (a close time later than the settlement's) still joins a batch.
drop index payment_unbatched;
create index payment_unbatched on payment (biller_id, payment_id) where status in ('APPROVED', 'SETTLED') and batch_id is null;
