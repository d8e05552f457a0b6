package org.ratepayer.balances;

import org.ratepayer.cis.AccountParts;
import org.ratepayer.billing.InvoiceQueries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.ratepayer.billers.Biller;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.cis.CisBiller;
import org.ratepayer.cis.CisConnector;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.LiveBalance;
import org.ratepayer.cis.CisConnectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Real-time balance refresh (docs/cis-balances.md), asked before a balance is shown or a payment starts. A CIS
 * answer from the last six hours is reused unless option 64 is on; when the CIS is slow or down the
 * last known balance is shown, marked as a fallback, so the payer can still pay, and the failure is
 * recorded. Only a refresh changes an account's block flags.
 */
@Service
public class BalanceService {

    static final Duration REUSE_WINDOW = Duration.ofHours(6);
    private static final String REFRESH_METER = "ratepayer.balance.refresh";
    /** The {@code kind} tag of a refresh that did not fail. */
    public static final String NO_FAILURE = "none";
    private static final Logger log = LoggerFactory.getLogger(BalanceService.class);

    private final BillerService billers;
    private final CisConnectors connectors;
    private final InvoiceQueries invoices;
    private final BalanceRepository repo;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    /** Looked up once: finding a counter by name and tags on every refresh showed in its profile. */
    private final Counter reusedCount;
    private final Counter refreshedCount;
    /** How long the CIS took to answer a balance, by outcome (docs/operations.md, "Metrics"). */
    private final Timer cisAnswered;
    private final Timer cisFailed;

    public BalanceService(BillerService billers, CisConnectors connectors, InvoiceQueries invoices, BalanceRepository repo,
            MeterRegistry meters, Clock clock, ApplicationEventPublisher events) {
        this.billers = billers;
        this.connectors = connectors;
        this.invoices = invoices;
        this.repo = repo;
        this.meters = meters;
        this.clock = clock;
        this.events = events;
        this.reusedCount = refreshCounter(meters, "reused", NO_FAILURE);
        this.refreshedCount = refreshCounter(meters, "cis", NO_FAILURE);
        this.cisAnswered = cisTimer(meters, "answered");
        this.cisFailed = cisTimer(meters, "failed");
    }

    /**
     * A refresh counter. Every one has the same tag keys, {@code outcome} and {@code kind}: Prometheus refuses a meter
     * whose keys differ from the first one registered under its name, so the fallbacks (tagged with the failure's kind)
     * were once never counted beside the answered refreshes (found by ClusterUnderFaultsIT).
     */
    static Counter refreshCounter(MeterRegistry meters, String outcome, String kind) {
        return meters.counter(REFRESH_METER, "outcome", outcome, "kind", kind);
    }

    private static Timer cisTimer(MeterRegistry meters, String outcome) {
        return Timer.builder("ratepayer.cis.balance").description("a real-time balance request to the CIS")
                .tag("outcome", outcome).publishPercentileHistogram().register(meters);
    }

    /** The account's balance, refreshed from the CIS when the rules say so; empty when the biller has no such account. */
    public Optional<BalanceView> balance(long bid, String accountNumber) {
        Biller biller = billers.cachedBiller(bid);
        Optional<BalanceRepository.Known> found = repo.known(bid, accountNumber);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BalanceRepository.Known known = found.get();
        BillerConfig config = billers.cachedConfig(bid);
        Optional<CisConnector> connector = connectors.forBiller(biller);
        CisBiller cisBiller = connectors.view(config);
        if (connector.isEmpty() || !connector.get().balanceConfigured(cisBiller)) {
            return Optional.of(stored(known, "cached"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean alwaysRefresh = config.option(ConfigCatalogue.OPT_RTDR_IGNORE_SIX_HOURS).map(Boolean::parseBoolean).orElse(false);
        if (!alwaysRefresh && known.refreshedAt() != null && known.refreshedAt().isAfter(now.minus(REUSE_WINDOW))) {
            reusedCount.increment();
            return Optional.of(stored(known, "cached"));
        }
        Timer.Sample asked = Timer.start();
        try {
            LiveBalance live;
            try {
                live = connector.get().balance(cisBiller, accountNumber, parts(invoices, bid, accountNumber));
                asked.stop(cisAnswered);
            } catch (CisException e) {
                asked.stop(cisFailed);
                throw e;
            }
            if (!live.accountNumber().equals(accountNumber)) {
                throw new CisException(CisException.Kind.MALFORMED, "the CIS answered for account " + live.accountNumber());
            }
            // The answer is usually what the last refresh stored: then only its time moves.
            if (!known.storedAs(live) || !repo.confirm(bid, live, now)) {
                repo.store(bid, live, now);
            }
            refreshedCount.increment();
            published(new BalanceRefreshed(bid, accountNumber, live.balanceDue(),
                    live.prepaid() == null ? null : live.prepaid().remainingBalance(),
                    live.prepaid() == null ? null : live.prepaid().remainingDays(), now));
            // a block the biller's staff set holds whatever the CIS says (docs/staff-search.md, "Block flags")
            return Optional.of(new BalanceView(accountNumber, live.balanceDue(), live.pastDue(),
                    live.blockAch() || known.staffBlockAch(), live.blockCc() || known.staffBlockCc(),
                    live.prepaid() == null ? null
                            : new BalanceView.Prepaid(live.prepaid().remainingBalance(), live.prepaid().remainingDays()),
                    "cis", now));
        } catch (CisException e) {
            refreshCounter(meters, "fallback", e.kind().name()).increment();
            log.warn("biller {} account {}: real-time refresh failed ({}), showing the last known balance: {}", bid,
                    accountNumber, e.kind(), e.getMessage());
            repo.recordFailure(bid, accountNumber, "GetPayableItemsList", e.kind().name(), e.getMessage());
            return Optional.of(stored(known, "fallback"));
        }
    }

    /**
     * Tells listeners of a stored answer (after it is stored, so one that reads the account's balance sees it). A listener
     * that fails is logged: the payer asked for a balance, and gets it whatever a listener (an alert email) did.
     */
    private void published(BalanceRefreshed event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            log.error("biller {} account {}: a listener of the refreshed balance failed", event.bid(), event.accountNumber(), e);
        }
    }

    /** The last CIS answer if there is one, else the newest open invoice from the biller's file. */
    private static BalanceView stored(BalanceRepository.Known k, String source) {
        if (k.refreshedAt() != null) {
            BalanceView.Prepaid prepaid = k.remainingBalance() == null ? null
                    : new BalanceView.Prepaid(k.remainingBalance(), k.remainingDays());
            return new BalanceView(k.accountNumber(), k.balanceDue(), k.pastDue(), k.blockAch() || k.staffBlockAch(),
                    k.blockCc() || k.staffBlockCc(), prepaid, source, k.refreshedAt());
        }
        return new BalanceView(k.accountNumber(), orZero(k.invoiceDue()), orZero(k.invoicePastDue()),
                k.blockAch() || k.staffBlockAch(), k.blockCc() || k.staffBlockCc(), null, source, k.invoiceAt());
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static AccountParts parts(InvoiceQueries invoices, long bid, String accountNumber) {
        return invoices.baseAndSub(bid, accountNumber).map(p -> new AccountParts(p.base(), p.sub())).orElse(AccountParts.UNKNOWN);
    }
}
