-- Notices and the delivery of every email (docs/notices.md).
--
-- 1. Delivery: a row is claimed before SMTP is tried (QUEUED -> SENDING, with the claim's time, committed), then
--    SENT or FAILED. A FAILED send is tried again at next_attempt_at (backoff 1 min, 5 min, 30 min, 2 h, 12 h), then
--    stays FAILED (next_attempt_at null). A row found SENDING long after its claim belonged to a process that died
--    mid-send: nobody knows whether the SMTP server took it, so it becomes FAILED and is never tried again (an email
--    is never sent twice).
alter table email_message drop constraint email_message_status_check;
alter table email_message add constraint email_message_status_check check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED'));
alter table email_message add column attempts integer not null default 0;
alter table email_message add column claimed_at timestamptz;
alter table email_message add column next_attempt_at timestamptz;
-- the retry sweep's work: due retries, QUEUED rows nobody dispatched, SENDING rows of dead processes
create index email_message_to_sweep on email_message (status, next_attempt_at) where status in ('QUEUED', 'SENDING') or next_attempt_at is not null;

-- 2. Bill-ready emails: the import's transaction records, in one update of the file's row, that the file's new
--    invoices are owed an email; the notices job expands an owed file into per-invoice ledger rows and clears it.
alter table invoice_file add column bill_ready_owed boolean not null default false;
create index invoice_file_bill_ready_owed on invoice_file (biller_id, file_id) where bill_ready_owed;
