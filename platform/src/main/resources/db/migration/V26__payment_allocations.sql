-- A payment can pay several accounts (issue 15; docs/payments.md, "Payments of several accounts"): one
-- allocation per account, written in the payment's own transaction. The payment's account_number,
-- invoice_number and amount stay what they were (its first account, and the total), so everything that
-- reads a payment of one account reads it as before.
create table payment_allocation (
    payment_id      bigint not null references payment,
    biller_id       bigint not null,
    account_number  text not null,
    -- null for a prepayment of an account with no invoice to name
    invoice_number  text,
    amount          numeric(15, 2) not null check (amount > 0),
    -- 1 for the payment's first account: the order the payer gave, and the order postings are queued in
    position        integer not null check (position >= 1),
    -- what the CIS tells this part of the payment by: the payment's own GUID when it pays one account,
    -- otherwise a GUID derived from the payment's and the position (docs/postings.md)
    allocation_guid uuid not null unique,
    primary key (payment_id, account_number),
    unique (payment_id, position),
    foreign key (biller_id, account_number) references account
);
create index payment_allocation_by_account on payment_allocation (biller_id, account_number, payment_id);

-- Every payment so far paid one account: its one allocation is the payment itself.
insert into payment_allocation (payment_id, biller_id, account_number, invoice_number, amount, position, allocation_guid)
select payment_id, biller_id, account_number, invoice_number, amount, 1, payment_guid from payment;

-- GET /api/v1/billers/{bid}/payments lists a biller's payments newest first (docs/api.md, "Listing payments")
create index payment_by_biller_newest on payment (biller_id, created_at desc, payment_id desc);
