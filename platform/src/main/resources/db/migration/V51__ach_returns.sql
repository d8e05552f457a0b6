-- Asynchronous bank payments (docs/ach.md): PENDING until the processor confirms, RETURNED when the bank sends the
-- money back (a failure before confirmation, or a NACHA return after it).
alter table payment drop constraint payment_status_check;
alter table payment add constraint payment_status_check check (status in ('INITIATED', 'APPROVED', 'DECLINED', 'ERROR', 'UNKNOWN',
                                                                          'SETTLED', 'VOIDED', 'REFUNDED', 'PENDING', 'RETURNED'));

-- A returned payment, kept with the processor's words until staff mark it reversed in the CIS by hand (Daffron takes
-- no ACH rejects over the data pump: seed 001). One row per payment: a second return of it changes nothing.
create table ach_return (
    payment_id     bigint primary key references payment,
    biller_id      bigint not null references biller,
    return_code    text not null,
    return_reason  text,
    returned_at    timestamptz not null,
    event_id       text,
    reversed_at    timestamptz,
    reversed_by    text
);
create index ach_return_open on ach_return (biller_id, returned_at) where reversed_at is null;

-- Every webhook event a processor sent, once (docs/ach.md, "Webhooks"): a repeat finds its row and changes nothing.
-- An event for a payment this platform does not know is kept too (outcome UNKNOWN_PAYMENT) for the operator.
create table processor_event (
    processor      text not null,
    event_id       text not null,
    biller_id      bigint not null references biller,
    event_type     text not null,
    payment_guid   uuid,
    payload_sha256 text not null,
    received_at    timestamptz not null,
    outcome        text not null,
    primary key (processor, event_id)
);
create index processor_event_unknown on processor_event (biller_id, received_at) where outcome = 'UNKNOWN_PAYMENT';

-- The sandbox's pending bank charges: when its event is due, and when it was sent.
alter table sandbox_charge add column event_due_at timestamptz;
alter table sandbox_charge add column event_sent_at timestamptz;
create index sandbox_charge_due on sandbox_charge (event_due_at) where event_sent_at is null and event_due_at is not null;
