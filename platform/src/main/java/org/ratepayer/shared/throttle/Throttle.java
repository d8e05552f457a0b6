package org.ratepayer.shared.throttle;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down guessing: each failed look-up or wrong credential spends a token of its client address (and, for
 * a look-up, of the account number tried); once a budget is empty, attempts are refused with the seconds to
 * wait. The buckets are Bucket4j's, kept in PostgreSQL ({@code throttle_bucket}) so every node counts against
 * the same budget. Why the limits are what they are, and why the doors differ: docs/throttling.md.
 *
 * <p>Look-ups, the operator token and payers' passwords are weak enough to be guessed (a ZIP code; a token or a
 * password a person may have chosen), so while a budget is empty they are refused unseen, or a guesser could go on and learn from the one
 * attempt let through. Their token is taken before the attempt is checked and given back when it succeeds: a
 * burst of parallel guesses cannot slip past an almost empty budget, and success costs nothing. Biller keys
 * are 192 random bits: they are checked first and count only when wrong, so a partner's correct calls never
 * touch the throttle at all, whatever else comes from its address.
 */
public class Throttle {

    private static final Logger log = LoggerFactory.getLogger(Throttle.class);
    /** Beyond this many remembered empty budgets the memory starts over; the database still holds them all. */
    private static final int REMEMBERED_EMPTY = 100_000;
    /** How long this node trusts its memory of an empty budget before asking the database again. */
    private static final long RECHECK_NANOS = 1_000_000_000L;
    private static final int PURGE_BATCH = 1_000;

    /** Where an attempt came in: the {@code kind} tag of the {@code ratepayer.throttle.refused} counter. */
    private enum Door {
        PAYER_LOOKUP("payer-lookup"),
        OPERATOR_TOKEN("operator-token"),
        API_KEY("api-key"),
        PAY_NOW_KEY("cpv2-key"),
        WEB_SERVICE_KEY("soap-key"),
        PAYER_SIGN_IN("sign-in"),
        PASSWORD_LINK("password-link"),
        HOSTED_FIELDS("hosted-fields");

        private final String tag;

        Door(String tag) {
            this.tag = tag;
        }
    }

    /**
     * How an attempt went: {@link #passed()} with what it found, failed (nothing found, a token spent), or
     * {@link #refused()}, to be tried again after {@link #retryAfterSeconds()}.
     */
    public record Outcome<T>(Optional<T> passed, long retryAfterSeconds) {

        public boolean refused() {
            return retryAfterSeconds > 0;
        }
    }

    private record Budget(String key, Supplier<BucketConfiguration> config, String scope) {
    }

    /** A budget this node found empty: refused until {@code until}, asked again from {@code recheckAt}. */
    private record Empty(long until, long recheckAt) {
    }

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final boolean enabled;
    private final Limit lookupPerAddress;
    private final Limit lookupPerAccount;
    private final Limit keysPerAddress;
    private final Ladder signInPerAddress;
    private final Ladder signInPerUsername;
    private final Ladder linksPerAddress;
    private final Ladder linksPerRecipient;
    private final TimeMeter time;
    private final MeterRegistry meters;
    /** So that a flood of guesses costs a map look-up each, not a row lock each. */
    private final ConcurrentHashMap<String, Empty> empty = new ConcurrentHashMap<>();

    public Throttle(DataSource db, ThrottleProperties props, TimeMeter time, MeterRegistry meters) {
        this.enabled = props.enabled();
        this.lookupPerAddress = props.lookup().addressLimit();
        this.lookupPerAccount = props.lookup().accountLimit();
        this.keysPerAddress = props.keys().addressLimit();
        this.signInPerAddress = props.signIn().addressLadder();
        this.signInPerUsername = props.signIn().usernameLadder();
        this.linksPerAddress = props.signIn().linkAddressLadder();
        this.linksPerRecipient = props.signIn().linkRecipientLadder();
        this.time = time;
        this.meters = meters;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(db)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("throttle_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .clientClock(time)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(props.keepIdle()))
                .build();
    }

    /**
     * A payer's search on the payment page: counted against the client's address and against the account
     * number as typed (whether or not it exists, so a refusal says nothing about which accounts do).
     */
    public <T> Outcome<T> lookup(String remoteAddr, long bid, String accountNumber, Supplier<Optional<T>> attempt) {
        return reserveFirst(Door.PAYER_LOOKUP, attempt, addressBudget(remoteAddr, "lookup-address:", lookupPerAddress),
                new Budget("lookup-account:" + bid + ":" + digest(accountNumber), lookupPerAccount::bucket, "account"));
    }

    /**
     * A card or bank account typed into the sandbox processor's hosted fields (docs/hosted-fields.md): counted against
     * the client's address like a payer's search, a refused number spending a token and a tokenized one giving it back,
     * so that trying card numbers one after another through the fields is slowed, and an address out of budget gets no
     * answer, right or wrong, until it has one again.
     */
    public <T> Outcome<T> hostedFields(String remoteAddr, Supplier<Optional<T>> attempt) {
        return reserveFirst(Door.HOSTED_FIELDS, attempt, addressBudget(remoteAddr, "fields-address:", lookupPerAddress));
    }

    /**
     * A payer's sign-in to the portal: counted against the client's address and against the username as typed
     * (whether or not it exists, in any case), with waits that grow the longer failures go on. A password may be
     * weak, so this door refuses unseen while a budget is empty and gives the token back on success.
     */
    public <T> Outcome<T> signIn(String remoteAddr, long bid, String username, Supplier<Optional<T>> attempt) {
        String who = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return reserveFirst(Door.PAYER_SIGN_IN, attempt,
                new Budget("sign-in-address:" + digest(ClientAddress.of(remoteAddr)), signInPerAddress::bucket, "address"),
                new Budget("sign-in-user:" + bid + ":" + digest(who), signInPerUsername::bucket, "username"));
    }

    /**
     * A request for an emailed password link: every request counts, matched or not (the page must not tell which),
     * against the client's address and the username or email address as typed, so nobody can flood a payer's
     * mailbox or the mail server.
     */
    public Outcome<Void> passwordLink(String remoteAddr, long bid, String usernameOrEmail, Runnable request) {
        String who = usernameOrEmail == null ? "" : usernameOrEmail.strip().toLowerCase(Locale.ROOT);
        return reserveFirst(Door.PASSWORD_LINK, () -> {
            request.run();
            return Optional.<Void>empty();
        }, new Budget("link-address:" + digest(ClientAddress.of(remoteAddr)), linksPerAddress::bucket, "address"),
                new Budget("link-recipient:" + bid + ":" + digest(who), linksPerRecipient::bucket, "recipient"));
    }

    public <T> Outcome<T> operatorToken(String remoteAddr, Supplier<Optional<T>> attempt) {
        return reserveFirst(Door.OPERATOR_TOKEN, attempt, addressBudget(remoteAddr, "key-address:", keysPerAddress));
    }

    public <T> Outcome<T> apiKey(String remoteAddr, Supplier<Optional<T>> attempt) {
        return checkFirst(Door.API_KEY, attempt, addressBudget(remoteAddr, "key-address:", keysPerAddress));
    }

    public <T> Outcome<T> payNowKey(String remoteAddr, Supplier<Optional<T>> attempt) {
        return checkFirst(Door.PAY_NOW_KEY, attempt, addressBudget(remoteAddr, "key-address:", keysPerAddress));
    }

    public <T> Outcome<T> webServiceKey(String remoteAddr, Supplier<Optional<T>> attempt) {
        return checkFirst(Door.WEB_SERVICE_KEY, attempt, addressBudget(remoteAddr, "key-address:", keysPerAddress));
    }

    /** Every credential door shares one budget per address: spreading guesses over doors gains nothing. */
    private static Budget addressBudget(String remoteAddr, String prefix, Limit limit) {
        return new Budget(prefix + digest(ClientAddress.of(remoteAddr)), limit::bucket, "address");
    }

    private <T> Outcome<T> reserveFirst(Door door, Supplier<Optional<T>> attempt, Budget... budgets) {
        if (!enabled) {
            return new Outcome<>(attempt.get(), 0);
        }
        List<BucketProxy> taken = new ArrayList<>(budgets.length);
        for (Budget budget : budgets) {
            long waitNanos = take(budget, taken);
            if (waitNanos > 0) {
                taken.forEach(this::giveBack);
                return refused(door, budget, waitNanos);
            }
        }
        Optional<T> result = attempt.get();
        if (result.isPresent()) {
            taken.forEach(this::giveBack);
        }
        return new Outcome<>(result, 0);
    }

    private <T> Outcome<T> checkFirst(Door door, Supplier<Optional<T>> attempt, Budget budget) {
        Optional<T> result = attempt.get();
        if (result.isPresent() || !enabled) {
            return new Outcome<>(result, 0);
        }
        long waitNanos = take(budget, new ArrayList<>(1));
        return waitNanos > 0 ? refused(door, budget, waitNanos) : new Outcome<>(result, 0);
    }

    private <T> Outcome<T> refused(Door door, Budget budget, long waitNanos) {
        meters.counter("ratepayer.throttle.refused", "kind", door.tag, "limit", budget.scope()).increment();
        return new Outcome<>(Optional.empty(), Limit.retryAfterSeconds(waitNanos));
    }

    /** Takes a token into {@code taken}, or answers how long until there is one. */
    private long take(Budget budget, List<BucketProxy> taken) {
        long now = time.currentTimeNanos();
        Empty known = empty.get(budget.key());
        if (known != null) {
            if (now - known.recheckAt() < 0) {
                return Math.max(1, known.until() - now);
            }
            empty.remove(budget.key(), known);
        }
        try {
            BucketProxy bucket = buckets.builder().build(budget.key(), budget.config());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                taken.add(bucket);
                return 0;
            }
            long wait = Math.max(1, probe.getNanosToWaitForRefill());
            if (empty.size() >= REMEMBERED_EMPTY) {
                empty.clear();
            }
            empty.put(budget.key(), new Empty(now + wait, now + Math.min(wait, RECHECK_NANOS)));
            return wait;
        } catch (RuntimeException e) {
            // The throttle slows guessers down; it must not turn a database hiccup into refusing everyone.
            log.warn("throttle not consulted for this attempt: {}", e.toString());
            return 0;
        }
    }

    private void giveBack(BucketProxy bucket) {
        try {
            bucket.addTokens(1);
        } catch (RuntimeException e) {
            log.warn("throttle token not given back: {}", e.toString());
        }
    }

    /** Deletes the buckets that have been full again for {@code keepIdle}; answers how many. */
    public int purgeExpired() {
        int total = 0;
        int n;
        do {
            n = buckets.removeExpired(PURGE_BATCH);
            total += n;
        } while (n == PURGE_BATCH);
        return total;
    }

    /** Bounded keys that keep neither addresses nor account numbers readable at rest. */
    private static String digest(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
