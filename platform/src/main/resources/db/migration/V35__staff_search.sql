-- Staff search (docs/staff-search.md): one box over a biller's accounts, invoices and payments. Every index leads with
-- or is filtered by what the search asks with the biller id beside it.
-- pg_trgm (for portal users' emails) is a trusted extension (PostgreSQL 13+): a database owner may create it without superuser.
create extension if not exists pg_trgm;

-- Names and emails of accounts are searched from the beginning (the whole name, its last word, the address), with
-- btree indexes: trigram GIN indexes on account made a 200,000-account import 2.8 times slower (16 s to 44 s,
-- bench/bif-import.sh), these cost nothing measurable (15.4 s); docs/staff-search.md, "Not slowing the import".
-- text_pattern_ops: byte-order ranges, so a prefix is an index range whatever the database's collation.
create index account_name_prefix on account (biller_id, lower(customer_name) text_pattern_ops);
create index account_surname_prefix on account (biller_id, lower(regexp_replace(btrim(customer_name), '^.*\s', '')) text_pattern_ops);
create index account_email_prefix on account (biller_id, lower(email) text_pattern_ops);
-- Portal users' emails are not touched by the import: "contains" there, with trigrams.
create index payer_user_email_trgm on payer_user using gin (lower(email) gin_trgm_ops);
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
