package org.ratepayer.conversion;

import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.conversion.internal.AccountTables;
import org.ratepayer.conversion.internal.ConversionRepository;
import org.ratepayer.conversion.internal.ConversionRepository.Pair;
import org.ratepayer.daffron.CisAccountNumber;
import org.ratepayer.payers.Invitations;
import org.ratepayer.postings.PumpHold;
import org.ratepayer.shared.web.Refusal.Kind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The conversion of a biller onto a new CIS, step by step (docs/conversion.md): export, plan, apply, verify, rollback.
 * Apply and rollback each run in one transaction: they change everything or nothing.
 */
@Service
public class Conversions {

    /** The first key of the advisory lock that lets one apply or rollback of a biller run at a time ("Conv"). */
    private static final int CONVERSION_LOCK_CLASS = 0x436f6e76;

    private final ConversionRepository repo;
    private final AccountTables tables;
    private final PumpHold pump;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration rollbackWindow;
    private final TransactionTemplate tx;
    private final Invitations invitations;

    public Conversions(ConversionRepository repo, AccountTables tables, PumpHold pump, JdbcClient jdbc, Clock clock,
            @Value("${ratepayer.conversion.rollback-window:P3D}") Duration rollbackWindow, PlatformTransactionManager txManager,
            Invitations invitations) {
        this.repo = repo;
        this.tables = tables;
        this.pump = pump;
        this.jdbc = jdbc;
        this.clock = clock;
        this.rollbackWindow = rollbackWindow;
        this.tx = new TransactionTemplate(txManager);
        this.invitations = invitations;
    }

    /** A plan, or what is wrong with the cross-reference file; exactly one of the two. */
    public record PlanOutcome(ConversionPlan plan, List<CrossReference.Problem> problems) {
    }

    /** Writes the export file (docs/conversion.md, "The export file"), one line per account. */
    public long export(long bid, Writer out, Progress progress) {
        requireBiller(bid);
        long total = repo.accountCount(bid);
        long[] n = {0};
        try {
            out.write(ExportRow.headerLine());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        repo.export(bid, row -> {
            row.writeTo(out);
            if (++n[0] % 1000 == 0 || n[0] == total) {
                progress.at("exporting accounts", n[0], total);
            }
        });
        return n[0];
    }

    /** Checks the cross-reference file against the biller's accounts and counts what would move; changes nothing. */
    public PlanOutcome plan(long bid, String crossReference) {
        requireBiller(bid);
        int subDigits;
        try {
            subDigits = CisAccountNumber.read(repo.setting(bid, ConfigCatalogue.SET_CIS_ACCOUNT_NUMBER).orElse(null)).subDigits();
        } catch (IllegalArgumentException e) {
            throw new ConversionRefusal(Kind.CONFLICT, "setting_invalid", null, "setting 1006 (CIS account number) is not valid: "
                    + e.getMessage());
        }
        String state = repo.stateChecksum(bid);
        CrossReference.Result r = CrossReference.read(crossReference, repo.accountNumbers(bid), subDigits);
        if (!r.ok()) {
            return new PlanOutcome(null, r.problems());
        }
        ConversionPlan plan = new ConversionPlan(ConversionPlan.FORMAT, bid, OffsetDateTime.now(clock),
                ConversionRepository.sha256(crossReference), state, pairsChecksum(bid, r.mappings()), r.mappings().size(), repo.moves(bid),
                r.mappings());
        return new PlanOutcome(plan, List.of());
    }

    /**
     * Applies a plan in one transaction: holds the biller's postings, refuses when any are still to be delivered or the
     * state is not the plan's, then re-keys every table, keeps the saved methods for re-registration, unregisters the
     * payers and records the old numbers beside the new.
     */
    public ConversionRun apply(ConversionPlan plan, String actor, Progress progress) {
        return apply(plan, actor, false, progress);
    }

    /**
     * The same; with {@code invitePayers}, every payer it unregisters is emailed a single-use link to register again for
     * the account under its new number (docs/conversion.md, "Payers"). The links and their emails are written in the
     * apply's transaction: a failed apply sends nothing, a committed one sends each email once, after the commit.
     */
    public ConversionRun apply(ConversionPlan plan, String actor, boolean invitePayers, Progress progress) {
        Objects.requireNonNull(plan, "plan");
        if (plan.format() != ConversionPlan.FORMAT || plan.pairs() == null || plan.pairs().isEmpty()) {
            throw new ConversionRefusal(Kind.INVALID, "not_a_plan", "plan", "not a conversion plan of format " + ConversionPlan.FORMAT);
        }
        long bid = plan.billerId();
        requireBiller(bid);
        if (!pairsChecksum(bid, plan.pairs()).equals(plan.pairsChecksum())) {
            throw new ConversionRefusal(Kind.INVALID, "plan_edited", "plan", "the plan's pairs are not those it was made with; make the plan again");
        }
        OffsetDateTime started = OffsetDateTime.now(clock);
        return tx.execute(s -> {
            hold(bid);
            if (!repo.stateChecksum(bid).equals(plan.stateChecksum())) {
                throw new ConversionRefusal(Kind.CONFLICT, "state_changed", "plan",
                        "biller " + bid + " changed since the plan was made (accounts, invoices, payments, enrolments or registrations); "
                                + "make the plan again");
            }
            List<Pair> pairs = plan.pairs().stream().map(Pair::of).toList();
            repo.deferAccountKeys();
            progress.at("loading the cross-reference", 0, 1);
            repo.loadMapping(pairs);
            long id = repo.insertRun(bid, plan.stateChecksum(), pairs.size(), actor, started, invitePayers);
            repo.recordPairs(id, bid);
            Map<String, Long> counts = new LinkedHashMap<>();
            // who is unregistered, read before their users (and usernames and addresses) are deleted
            List<Invitations.Unregistered> invitees = invitePayers ? repo.registeredPayers(bid) : List.of();
            long[] unregistered = repo.unregister(id, bid);
            counts.put("conversion_held_method", unregistered[0]);
            counts.put("payer_account (unregistered)", unregistered[1]);
            counts.put("payer_user (deleted)", unregistered[2]);
            reKeyAll(bid, counts, progress);
            repo.newPartsAndDisplay(bid);
            repo.recordRenumbering(id, bid, started);
            if (invitePayers) {
                // after the re-key, so the invitations are written under the new numbers (payer_invitation is re-keyed too)
                progress.at("inviting payers to register again", 0, 1);
                counts.put("payer_invitation (re-registration)", (long) invitations.inviteToReRegister(bid, id, invitees));
            }
            repo.finishRun(id, counts, OffsetDateTime.now(clock));
            return repo.run(bid, id).orElseThrow();
        });
    }

    /**
     * Undoes the biller's latest conversion in one transaction, within the window: until an invoice file is imported or
     * a payment made after it, and at most {@code ratepayer.conversion.rollback-window} (3 days) after it. Registrations
     * are not restored: payers register again.
     */
    public ConversionRun rollback(long bid, String actor, Progress progress) {
        requireBiller(bid);
        return tx.execute(s -> {
            hold(bid);
            ConversionRun run = repo.latestRun(bid).filter(r -> "APPLIED".equals(r.status())).orElseThrow(() -> new ConversionRefusal(
                    Kind.CONFLICT, "nothing_to_roll_back", null, "biller " + bid + " has no applied conversion to roll back"));
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (run.finishedAt().plus(rollbackWindow).isBefore(now)) {
                throw new ConversionRefusal(Kind.CONFLICT, "rollback_window_closed", null, "conversion " + run.conversionId()
                        + " finished at " + run.finishedAt() + "; the rollback window of " + rollbackWindow.toHours() + " hours has closed");
            }
            List<String> since = repo.activitySince(run.conversionId(), bid);
            if (!since.isEmpty()) {
                throw new ConversionRefusal(Kind.CONFLICT, "rollback_window_closed", null, "conversion " + run.conversionId()
                        + " can no longer be rolled back: since it, " + String.join(" and ", since) + " under the new numbers");
            }
            repo.deferAccountKeys();
            repo.loadMapping(repo.reversedPairs(run.conversionId()));
            reKeyAll(bid, new LinkedHashMap<>(), progress);
            repo.undoRecords(run.conversionId(), bid, actor, now);
            return repo.run(bid, run.conversionId()).orElseThrow();
        });
    }

    /** The biller's latest conversion, if any. */
    public java.util.Optional<ConversionRun> latest(long bid) {
        requireBiller(bid);
        return repo.latestRun(bid);
    }

    /**
     * Checks, account by account, the export taken before apply against the accounts as they are now under their new
     * numbers: autopay, paperless, the default method's type and last 4, the scheduled payments, and the counts and
     * totals of invoices and payments.
     */
    public Verification verify(long bid, String exportBefore) {
        requireBiller(bid);
        List<ExportRow> before = ExportRow.read(exportBefore);
        Map<String, ExportRow> now = new HashMap<>();
        repo.export(bid, r -> now.put(r.accountNumber(), r));
        Map<String, String> renumbered = repo.currentNumbers(bid);
        List<Verification.AccountCheck> rows = new ArrayList<>();
        int failed = 0;
        for (ExportRow b : before) {
            String newNo = renumbered.getOrDefault(b.accountNumber(), b.accountNumber());
            ExportRow a = now.get(newNo);
            Verification.AccountCheck c = a == null
                    ? new Verification.AccountCheck(b.accountNumber(), null, false, false, false, false, false, false, false,
                            List.of("no account " + newNo + " any more"))
                    : compare(b, newNo, a);
            if (!c.passed()) {
                failed++;
            }
            rows.add(c);
        }
        return new Verification(bid, failed == 0, rows.size(), failed, rows);
    }

    private static Verification.AccountCheck compare(ExportRow b, String newNo, ExportRow a) {
        List<String> diff = new ArrayList<>();
        boolean autopay = b.autopay() == a.autopay();
        if (!autopay) {
            diff.add("autopay was " + yn(b.autopay()) + ", is " + yn(a.autopay()));
        }
        boolean paperless = b.paperless() == a.paperless();
        if (!paperless) {
            diff.add("paperless was " + yn(b.paperless()) + ", is " + yn(a.paperless()));
        }
        boolean method = Objects.equals(nz(b.methodType()), nz(a.methodType())) && Objects.equals(nz(b.last4()), nz(a.last4()));
        if (!method) {
            diff.add("payment method was " + shown(b) + ", is " + shown(a));
        }
        boolean scheduled = b.scheduledPayments() == a.scheduledPayments() && b.scheduledTotal().compareTo(a.scheduledTotal()) == 0;
        if (!scheduled) {
            diff.add("scheduled payments were " + b.scheduledPayments() + " for " + b.scheduledTotal() + ", are " + a.scheduledPayments()
                    + " for " + a.scheduledTotal());
        }
        boolean invoices = b.invoices() == a.invoices() && b.invoiceTotal().compareTo(a.invoiceTotal()) == 0;
        if (!invoices) {
            diff.add("invoices were " + b.invoices() + " for " + b.invoiceTotal() + ", are " + a.invoices() + " for " + a.invoiceTotal());
        }
        boolean payments = b.payments() == a.payments() && b.paymentTotal().compareTo(a.paymentTotal()) == 0;
        if (!payments) {
            diff.add("payments were " + b.payments() + " for " + b.paymentTotal() + ", are " + a.payments() + " for " + a.paymentTotal());
        }
        return new Verification.AccountCheck(b.accountNumber(), newNo, true, autopay, paperless, method, scheduled, invoices, payments,
                List.copyOf(diff));
    }

    private static String shown(ExportRow r) {
        return nz(r.methodType()).isEmpty() ? "none" : r.methodType() + " ending " + nz(r.last4());
    }

    private static String yn(boolean b) {
        return b ? "Y" : "N";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private void reKeyAll(long bid, Map<String, Long> counts, Progress progress) {
        boolean chained = repo.chained();
        List<String> all = tables.reKeyed();
        int i = 0;
        for (String t : all) {
            progress.at("re-keying " + t, i, all.size());
            counts.put(t, repo.reKey(t, bid, chained));
            i++;
        }
        progress.at("committing", all.size(), all.size());
    }

    /** One apply or rollback of the biller at a time; the biller's postings held; none still to deliver. */
    private void hold(long bid) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(CONVERSION_LOCK_CLASS, (int) (bid & 0x7fffffffL)).query((rs, n) -> 1).list();
        pump.holdInThisTransaction(bid);
        List<String> open = pump.openPostings(bid);
        if (!open.isEmpty()) {
            throw new ConversionRefusal(Kind.CONFLICT, "postings_pending", null, "biller " + bid
                    + " has postings still to be delivered to the CIS (" + String.join(", ", open)
                    + "); wait for them, or retry or skip the parked ones, then apply again");
        }
    }

    private static String pairsChecksum(long bid, List<CrossReference.Mapping> pairs) {
        StringBuilder sb = new StringBuilder().append(bid).append('\n');
        for (CrossReference.Mapping m : pairs) {
            sb.append(m.oldNumber()).append('\t').append(m.newNumber()).append('\t').append(nz(m.custom2())).append('\t')
                    .append(nz(m.custom3())).append('\n');
        }
        return ConversionRepository.sha256(sb.toString());
    }

    private void requireBiller(long bid) {
        if (!repo.billerExists(bid)) {
            throw new ConversionRefusal(Kind.NOT_FOUND, "biller_not_found", null, "no biller " + bid);
        }
    }
}
