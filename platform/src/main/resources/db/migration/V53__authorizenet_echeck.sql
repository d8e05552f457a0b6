-- Authorize.Net eCheck bank payments followed by the eCheck poll (docs/ach.md, "Authorize.Net"): the payments it asks
-- about at each run, found without reading every payment of the biller.
create index payment_anet_bank on payment (biller_id, created_at)
    where method = 'ACH' and method_token like 'anet-%' and status in ('PENDING', 'APPROVED', 'SETTLED');
