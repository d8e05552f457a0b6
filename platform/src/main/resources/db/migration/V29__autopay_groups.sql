-- Option 128 groups and scheduled payments marked once charged (docs/autopay.md).

-- A group of accounts sharing a Custom10 is charged as one payment under one idempotency key: every member's
-- attempt row carries that key, so the key is no longer unique per attempt. A crash is settled per row by asking
-- what the payment under the key became, exactly as for an account charged alone.
alter table autopay_attempt drop constraint autopay_attempt_idempotency_key_key;
create index autopay_attempt_by_key on autopay_attempt (idempotency_key);

-- A scheduled payment's run outcome, set in the same transaction as its attempt's: PAID (approved) or FAILED
-- (declined, a processor error, or not charged for a reason). Either is final: a scheduled payment is never retried.
alter table scheduled_payment drop constraint scheduled_payment_status_check;
alter table scheduled_payment add constraint scheduled_payment_status_check
    check (status in ('SCHEDULED', 'CANCELLED', 'PAID', 'FAILED'));
-- when the run settled it (the biller's date is the attempt's run date), and the payment it made, if any
alter table scheduled_payment add column settled_on date;
alter table scheduled_payment add column payment_guid uuid;
alter table scheduled_payment add column failure_reason text;
