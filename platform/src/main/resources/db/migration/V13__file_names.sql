-- Why an invoice file's name does not follow the seed's BID_MMDDYYYY.bif convention; null when it does
-- (docs/invoice-files.md, "File names").
alter table invoice_file add column name_warning text;
