-- A key is tied to its payment when the payment is inserted; the repair job and retries find the key
-- of a payment they settle by payment_id, and Pay Now finds a session's payments by their own key.
create index idempotency_key_by_payment on idempotency_key (payment_id) where payment_id is not null;
create index payment_by_idempotency_key on payment (biller_id, idempotency_key) where idempotency_key is not null;
