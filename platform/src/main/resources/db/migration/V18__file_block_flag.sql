-- The BlockPaymentsCC flag as the last invoice file gave it. account.block_cc stays the flag in force: for a biller
-- that refreshes balances from its CIS, a refresh sets it and a file never overrides it (docs/invoice-files.md).
alter table account add column file_block_cc boolean not null default false;
update account set file_block_cc = block_cc;
