-- Staff search (docs/staff-search.md): one box over a biller's accounts, invoices and payments. Every index leads with
-- or is filtered by what the search asks with the biller id beside it; the two trigram indexes serve the name and
-- email "contains" searches, which a btree cannot.
-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it without superuser.
create extension if not exists pg_trgm;

-- Name and email contain the text typed (ILIKE '%ann lee%'). GIN with fastupdate (the default) queues new entries
-- in a pending list merged in bulk, which keeps the import's account upserts cheap (measured in docs/staff-search.md).
create index account_name_trgm on account using gin (customer_name gin_trgm_ops);
create index account_email_trgm on account using gin (lower(email) gin_trgm_ops);
create index payer_user_email_trgm on payer_user using gin (lower(email) gin_trgm_ops);

-- A whole address typed (the member reads it out) is looked up by equality: a trigram search for
-- "ann@example.org" weighs every address at example.org.
create index account_email_exact on account (biller_id, lower(email));
create index payer_user_email_exact on payer_user (biller_id, lower(email));

-- A phone however it was written: its last ten digits.
-- The expression indexes are not partial on purpose: PostgreSQL estimates a condition on an index expression from
-- the statistics ANALYZE gathers for a non-partial index only. With a partial one it guessed 5,000 rows for a phone
-- and walked the primary key in account order instead (5 s over a million accounts, bench/staff-search.sh).
create index account_phone_digits on account (biller_id, right(regexp_replace(phone, '[^0-9]', '', 'g'), 10));

-- Payments by the last four of the card or bank account, and by the gateway's approval code (the confirmation the
-- payer was told).
create index payment_by_last4 on payment (biller_id, last4, created_at desc) where last4 is not null;
create index payment_by_approval_code on payment (biller_id, approval_code) where approval_code is not null;
create index payer_method_by_last4 on payer_method (biller_id, last4) where removed_at is null;
create index autopay_enrolment_by_last4 on autopay_enrolment (biller_id, last4) where last4 is not null;

-- The staff user who took a payment (channel CSRWEB): shown in search and on the account page; null for every
-- payment a payer or a system made.
alter table payment add column taken_by text check (taken_by is null or length(taken_by) between 1 and 100);
