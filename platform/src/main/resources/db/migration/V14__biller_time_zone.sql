-- The biller's own time zone (IANA name): its "today" for due dates and scheduled payments, its batch
-- business days and the offset of Daffron's logTime (docs/time-zones.md). Existing billers were all
-- Daffron co-ops on Eastern time, the template's default.
alter table biller add column time_zone text not null default 'America/New_York';
