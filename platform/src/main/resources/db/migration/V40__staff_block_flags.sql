-- Blocks the biller's staff put on an account (docs/staff-search.md, "Block flags"), apart from the CIS's own
-- block_ach/block_cc, which every refresh and invoice file overwrites. A payment is refused when either blocks it.
-- Staff set them only while setting 32 (block flags read-only) is 0; who and when is in the staff audit log.
alter table account add column staff_block_ach boolean not null default false;
alter table account add column staff_block_cc boolean not null default false;
