-- A run's node proves it is alive every few seconds; a RUNNING run whose node stopped proving it is INTERRUPTED
-- (docs/autopay.md, "A run whose node dies").
alter table autopay_run add column heartbeat_at timestamptz;
update autopay_run set heartbeat_at = coalesce(finished_at, started_at);
alter table autopay_run alter column heartbeat_at set not null;
alter table autopay_run drop constraint autopay_run_status_check;
alter table autopay_run add constraint autopay_run_status_check check (status in ('RUNNING', 'DONE', 'INTERRUPTED'));
