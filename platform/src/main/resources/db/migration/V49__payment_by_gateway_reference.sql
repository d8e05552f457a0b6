-- A processor's settlement names charges by its own reference (Stripe: the PaymentIntent); this finds their payments
-- (docs/settlement.md).
create index payment_by_gateway_reference on payment (biller_id, gateway_reference) where gateway_reference is not null;
