-- The autopay emails' send ledger (docs/autopay.md, "Emails"). Each autopay email names the event it tells of
-- (for example AUTOPAY_RECEIPT:<payment guid>, or AUTOPAY_UPCOMING:<account>:<invoice>:<collection date>), and the
-- row of the email history is the ledger entry: the unique index below lets one row per biller and event exist, so
-- a rerun of the notice job, an event published again, or two nodes at once never send an email twice. The row is
-- written, and committed, before the email is handed to SMTP.
alter table email_message add column event_key text;
create unique index email_message_once_per_event on email_message (biller_id, event_key) where event_key is not null;
