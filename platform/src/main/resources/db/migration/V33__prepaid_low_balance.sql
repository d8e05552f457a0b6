-- Prepaid low-balance alerts (docs/prepaid-alerts.md). One row per prepaid account that a refresh has checked against
-- its biller's thresholds (settings 1012 and 1013): whether it is low now, how many times it has gone from not low to low
-- (the crossing number, which names each alert in the email ledger as PREPAID_LOW:<account>:<crossing>), since when it
-- has been low, and the refresh it was last checked at (an older refresh heard late does not undo a newer one).
-- The check locks this row, so two refreshes at once (two nodes) decide one crossing, and one alert, between them.
create table prepaid_balance_state (
    biller_id      bigint not null,
    account_number text not null,
    low            boolean not null default false,
    crossings      integer not null default 0 check (crossings >= 0),
    low_since      timestamptz,
    checked_at     timestamptz not null,
    primary key (biller_id, account_number),
    foreign key (biller_id, account_number) references account on delete cascade,
    check (low = (low_since is not null))
);
