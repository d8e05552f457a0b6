-- Autopay terms (docs/payers.md): a payer-set maximum (a bill above it is not charged, and the payer is told), and
-- for a bank account the debit authorization the payer agreed to. NACHA has the originator keep an authorization for
-- two years after it ends, so authorizations are never deleted: ending autopay, or changing its method, revokes them.
alter table autopay_enrolment add column maximum_amount numeric(15, 2) check (maximum_amount > 0);

create table ach_authorization (
    authorization_id bigserial primary key,
    biller_id        bigint not null,
    account_number   text not null,
    last4            text not null,
    -- the words the payer agreed to, as shown
    terms            text not null,
    agreed_at        timestamptz not null,
    -- where the agreement came from: the payer's address in the portal, or the biller's API call
    agreed_from      text,
    agreed_by        text not null,
    revoked_at       timestamptz,
    foreign key (biller_id, account_number) references account
);
create index ach_authorization_live on ach_authorization (biller_id, account_number) where revoked_at is null;
