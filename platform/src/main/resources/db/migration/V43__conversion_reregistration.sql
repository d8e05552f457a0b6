-- Re-registration after a conversion (docs/conversion.md, "Payers"; docs/payers-self-service.md): when the biller
-- chooses, apply emails every payer it unregistered a single-use link to register again for the account under its new
-- number. The link is an invitation of its own purpose, so it is opened, used up and expires through the invitation
-- page and code that co-owner invitations already have.

-- whether the run emailed its unregistered payers a link to register again
alter table conversion_run add column invite_payers boolean not null default false;

-- CO_OWNER: a user of the account invited someone (invited_by names them). REREGISTER: a conversion unregistered this
-- person (their user was deleted, so nobody is invited_by); former_username is suggested on the page.
alter table payer_invitation add column purpose text not null default 'CO_OWNER' check (purpose in ('CO_OWNER', 'REREGISTER'));
alter table payer_invitation alter column invited_by drop not null;
alter table payer_invitation add constraint payer_invitation_inviter check (purpose = 'REREGISTER' or invited_by is not null);
alter table payer_invitation add column former_username text;
-- the conversion_run that wrote a REREGISTER invitation (no foreign key, as for account_renumbering in V38: the payers
-- module's table does not hang on the conversion's)
alter table payer_invitation add column conversion_id bigint;
