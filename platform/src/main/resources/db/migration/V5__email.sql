-- Email history (SPEC C9). A message is written here before it is handed to SMTP, so the history
-- also shows what never went out and why. No card or bank numbers: receipts carry the last four only.
create table email_message (
    email_id       bigserial primary key,
    biller_id      bigint not null references biller,
    -- No foreign key to account: history outlives account re-keying (C11) and some emails have no account.
    account_number text,
    -- Open list (RECEIPT, PAYMENT_FAILED today; bill ready, reminders, autopay notices later).
    kind           text not null,
    recipients     text not null,
    subject        text not null,
    body_text      text not null,
    body_html      text,
    status         text not null check (status in ('QUEUED', 'SENT', 'FAILED')),
    error          text,
    payment_guid   uuid,
    created_at     timestamptz not null default now(),
    sent_at        timestamptz
);
create index email_message_by_account on email_message (biller_id, account_number, created_at desc);
-- A payment's outcome may be announced more than once (the repair job settles timeouts); its email goes out once.
create unique index email_message_once_per_payment on email_message (payment_guid, kind) where payment_guid is not null;

-- Option 131 ALLOW_CC_UPDATES: the address a payer entered that differs from the account's own
-- email. It receives copies of the account's emails; the account's main email is never touched.
create table account_cc_email (
    biller_id      bigint not null references biller,
    account_number text not null,
    email          text not null,
    updated_at     timestamptz not null default now(),
    primary key (biller_id, account_number)
);
