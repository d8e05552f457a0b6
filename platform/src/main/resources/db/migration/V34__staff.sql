-- Staff of a biller's office who use the biller portal at /staff/{bid} (docs/staff-portal.md).

create table staff_user (
    user_id              bigserial primary key,
    biller_id            bigint not null references biller,
    username             text not null check (length(username) between 1 and 100),
    email                text not null check (length(email) between 3 and 254),
    -- Argon2id (PHC string)
    password_hash        text not null,
    role                 text not null check (role in ('ADMINISTRATOR', 'CSR', 'READ_ONLY')),
    -- seed 000's partner-support user: never counted among the biller's billable staff
    partner_support      boolean not null default false,
    -- RFC 6238 secret, AES-GCM sealed by SecretCipher under "staff user {user_id} totp"; null until enrolled
    totp_secret          bytea,
    -- the last time step a code was accepted for, so a code works once
    totp_last_step       bigint,
    enabled              boolean not null default true,
    -- set when someone else chose the password (the one-time password of a new or reset user)
    must_change_password boolean not null default true,
    created_at           timestamptz not null,
    last_sign_in_at      timestamptz
);
create unique index staff_user_name on staff_user (biller_id, lower(username));

-- Every staff action, and the operator's on staff users: who, what, on what, before and after.
create table staff_audit (
    audit_id      bigserial primary key,
    biller_id     bigint not null references biller,
    -- null when the operator acted (actor then says so)
    staff_user_id bigint references staff_user,
    actor         text not null,
    action        text not null,
    target        text,
    before        jsonb,
    after         jsonb,
    at            timestamptz not null
);
create index staff_audit_newest on staff_audit (biller_id, audit_id desc);
