-- A key's claim carries a token of its own (docs/payments.md, idempotency): a claim a dead process left without a
-- payment or an answer can be taken over after a while, and the process that made it, should it wake, can no longer
-- tie a payment to the key (its token no longer matches), so the key still names at most one payment.
alter table idempotency_key add column claim uuid;
