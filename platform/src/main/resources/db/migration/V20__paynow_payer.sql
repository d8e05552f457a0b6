-- The portal user a Pay Now request's RemoteAuthenticationToken signed on (docs/payers-remote-registration.md),
-- kept for the payer's saved methods; null for a request without one.
alter table paynow_session add column payer_user_id bigint references payer_user on delete set null;
create index paynow_session_payer on paynow_session (payer_user_id) where payer_user_id is not null;
