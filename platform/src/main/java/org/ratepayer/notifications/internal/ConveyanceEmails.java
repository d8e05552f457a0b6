package org.ratepayer.notifications.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerService;
import org.ratepayer.conveyance.AccountConveyed;
import org.ratepayer.notifications.internal.PaymentEmailText.Composed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells an account's former owner that it was conveyed (docs/conveyance.md). Heard inside the conveyance's transaction:
 * the email is written to the history, the send ledger, under {@code CONVEYANCE:<conveyance id>} with the conveyance,
 * and handed to SMTP only once that commits; a conveyance rolled back sends nothing, one repeated sends nothing twice.
 */
@Component
public class ConveyanceEmails {

    private static final Logger log = LoggerFactory.getLogger(ConveyanceEmails.class);

    private final BillerService billers;
    private final EmailHistory history;
    private final EmailDispatcher dispatcher;
    private final JdbcClient jdbc;

    public ConveyanceEmails(BillerService billers, EmailHistory history, EmailDispatcher dispatcher, JdbcClient jdbc) {
        this.billers = billers;
        this.history = history;
        this.dispatcher = dispatcher;
        this.jdbc = jdbc;
    }

    @EventListener
    public void conveyed(AccountConveyed c) {
        // The CC address a payer left (option 131) is the old owner's: it must not receive the new owner's emails.
        Optional<String> cc = jdbc.sql("delete from account_cc_email where biller_id = ? and account_number = ? returning email")
                .params(c.bid(), c.accountNumber()).query(String.class).optional();
        List<String> to = recipients(c, cc.orElse(null));
        if (to.isEmpty()) {
            log.info("conveyance {} of biller {} account {}: nobody to tell", c.conveyanceId(), c.bid(), c.accountNumber());
            return;
        }
        Biller biller = billers.require(c.bid());
        Composed text = ConveyanceEmailText.compose(PaymentEmailText.Brand.of(biller.name(), billers.cachedConfig(c.bid())), c);
        OutgoingEmail email = new OutgoingEmail(c.bid(), c.accountNumber(), EmailKind.CONVEYANCE, to, text.subject(), text.text(),
                text.html(), null, biller.name());
        history.queueOnce(email, EmailKind.CONVEYANCE.name() + ":" + c.conveyanceId())
                .ifPresent(id -> dispatcher.dispatchAfterCommit(id, email));
    }

    /**
     * The users the account was taken from; when it had none, its own addresses as they were before the conveyance (its
     * email, and a CC address a payer left). Each address once, whatever its capitals.
     */
    static List<String> recipients(AccountConveyed c, String ccEmail) {
        List<String> all = new ArrayList<>();
        c.usersRemoved().forEach(u -> all.add(u.email()));
        if (all.isEmpty()) {
            all.addAll(EmailRules.addresses(c.previousAccountEmail()));
            all.addAll(EmailRules.addresses(ccEmail));
        }
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        for (String a : all) {
            if (a != null && !a.isBlank()) {
                byLowerCase.putIfAbsent(a.strip().toLowerCase(Locale.ROOT), a.strip());
            }
        }
        return List.copyOf(byLowerCase.values());
    }
}
