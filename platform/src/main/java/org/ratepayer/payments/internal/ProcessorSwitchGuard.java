package org.ratepayer.payments.internal;

import java.util.Optional;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billers.ConfigValidationException;
import org.ratepayer.billers.SettingChangeGuard;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses switching a biller's processor (setting 1017) while payers hold saved methods of the old one: a token is the
 * processor's own, so after a switch every saved card would fail at its next autopay or scheduled payment, silently
 * for the payer. The methods are read straight from the tables that keep tokens (wallets, autopay enrolments, scheduled
 * payments, methods held by a conversion): the modules that own them depend on payments, not the other way round, and
 * only their count matters here. How to migrate them: docs/processors.md, "Switching processors".
 */
@Component
class ProcessorSwitchGuard implements SettingChangeGuard {

    private final JdbcClient jdbc;

    ProcessorSwitchGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void check(long bid, int settingId, Optional<String> before, Optional<String> after) {
        if (settingId != ConfigCatalogue.SET_PAYMENT_PROCESSOR) {
            return;
        }
        String from = before.orElse(ConfigCatalogue.PROCESSOR_SANDBOX);
        String to = after.orElse(ConfigCatalogue.PROCESSOR_SANDBOX);
        if (from.equals(to)) {
            return;
        }
        long saved = savedMethods(bid);
        if (saved > 0) {
            throw new ConfigValidationException("setting " + settingId, "the biller's payers hold " + saved + " saved payment method"
                    + (saved == 1 ? "" : "s") + " of " + from + " (wallets, autopay, scheduled payments); a token of one processor"
                    + " cannot be charged at another: migrate or remove them first (docs/processors.md, \"Switching processors\")");
        }
    }

    long savedMethods(long bid) {
        return jdbc.sql("""
                select (select count(*) from payer_method where biller_id = :bid and removed_at is null)
                     + (select count(*) from autopay_enrolment where biller_id = :bid)
                     + (select count(*) from scheduled_payment where biller_id = :bid and status = 'SCHEDULED')
                     + (select count(*) from conversion_held_method where biller_id = :bid and offered_at is null)
                """).param("bid", bid).query(Long.class).single();
    }
}
