package org.ratepayer.enrolments.internal;

import org.ratepayer.shared.web.Refusal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What enrolments need to know of an account: that it is the biller's, its service location, its invoices. */
@Component
public class AccountRecords {

    private final JdbcClient jdbc;

    public AccountRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the account row for the rest of the transaction, so concurrent changes to one account's
     * enrolments are serialised (and queued in the order they were made).
     *
     * @throws EnrolmentException not_found when the biller has no such account
     */
    public void lock(long bid, String account) {
        jdbc.sql("select 1 from account where biller_id = ? and account_number = ? for update").params(bid, account)
                .query(Integer.class).optional()
                .orElseThrow(() -> new EnrolmentException(Refusal.Kind.NOT_FOUND, "account_not_found", "accountNumber",
                        "biller " + bid + " has no account " + account));
    }

    /** Custom4 (the CIS service location) of the account's newest invoice that has one; empty when none does. */
    public String serviceLocation(long bid, String account) {
        return jdbc.sql("""
                select custom4 from invoice where biller_id = ? and account_number = ? and coalesce(custom4, '') <> ''
                order by invoice_date desc, invoice_id desc limit 1
                """).params(bid, account).query(String.class).optional().orElse("");
    }

    /** The processor's tokens the account's autopay and its scheduled payments still to run charge. */
    public List<String> methodTokens(long bid, String account) {
        return jdbc.sql("""
                select method_token from autopay_enrolment where biller_id = :bid and account_number = :account
                union
                select method_token from scheduled_payment where biller_id = :bid and account_number = :account and status = 'SCHEDULED'
                """).param("bid", bid).param("account", account).query(String.class).list();
    }

    /** Those of {@code tokens} that another account's autopay or scheduled payment still to run charges. */
    public List<String> tokensUsedByOthers(long bid, String account, Collection<String> tokens) {
        if (tokens.isEmpty()) {
            return List.of();
        }
        String[] wanted = tokens.toArray(String[]::new);
        return jdbc.sql("""
                select method_token from autopay_enrolment
                where biller_id = :bid and account_number <> :account and method_token = any(:tokens)
                union
                select method_token from scheduled_payment
                where biller_id = :bid and account_number <> :account and status = 'SCHEDULED' and method_token = any(:tokens)
                """).param("bid", bid).param("account", account).param("tokens", wanted).query(String.class).list();
    }

    public boolean hasInvoice(long bid, String account, String invoiceNumber) {
        return jdbc.sql("select 1 from invoice where biller_id = ? and account_number = ? and invoice_number = ?")
                .params(bid, account, invoiceNumber).query(Integer.class).optional().isPresent();
    }

    public Optional<Boolean> paperless(long bid, String account) {
        return jdbc.sql("select enrolled from paperless_enrolment where biller_id = ? and account_number = ?")
                .params(bid, account).query(Boolean.class).optional();
    }

    /** When autopay collects an invoice: its AutoPayCollectionDate when the file gave one, else its due date. */
    public Optional<LocalDate> collectionDate(long bid, String account, String invoiceNumber) {
        return jdbc.sql("""
                select coalesce(autopay_collection_date, due_date) from invoice
                where biller_id = ? and account_number = ? and invoice_number = ?
                """).params(bid, account, invoiceNumber).query(LocalDate.class).optional();
    }
}
