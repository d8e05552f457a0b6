package org.ratepayer.shared.throttle;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratepayer.throttle.*}: how many failures are allowed before a client is asked to wait, and how fast
 * they are forgiven. The reasoning behind the defaults is in docs/throttling.md.
 *
 * @param enabled off only to rule the throttle out while looking into a problem; nothing is slowed then
 * @param lookup  the payment page's account search (account number and a second fact from the bill)
 * @param keys    wrong API keys, operator tokens, Pay Now keys and web service keys, all doors together
 * @param signIn  a payer's failed sign-ins to the portal
 * @param keepIdle how long a bucket stays stored after it has filled up again (then the purge deletes it)
 */
@ConfigurationProperties("ratepayer.throttle")
public record ThrottleProperties(@DefaultValue("true") boolean enabled, @DefaultValue Lookup lookup, @DefaultValue Keys keys,
        @DefaultValue SignIn signIn, @DefaultValue("10m") Duration keepIdle) {

    /**
     * @param perAddress        failed searches one client address may make at once, over every account
     * @param perAddressRefill  one more allowed each time this passes
     * @param perAccount        failed searches for one account number, from all addresses together
     * @param perAccountRefill  one more allowed each time this passes: the longest a stranger can make the member wait
     */
    public record Lookup(@DefaultValue("10") int perAddress, @DefaultValue("30s") Duration perAddressRefill,
            @DefaultValue("30") int perAccount, @DefaultValue("15s") Duration perAccountRefill) {

        public Limit addressLimit() {
            return new Limit(perAddress, perAddressRefill);
        }

        public Limit accountLimit() {
            return new Limit(perAccount, perAccountRefill);
        }
    }

    /**
     * @param perAddress       wrong credentials one client address may send at once
     * @param perAddressRefill one more allowed each time this passes
     */
    public record Keys(@DefaultValue("20") int perAddress, @DefaultValue("10s") Duration perAddressRefill) {

        public Limit addressLimit() {
            return new Limit(perAddress, perAddressRefill);
        }
    }

    /**
     * Each a ladder of {@code CAPACITY/REFILL} steps, so the waits grow the longer a guesser keeps at it.
     *
     * @param perAddress  failed sign-ins from one client address, over every username of every biller
     * @param perUsername failed sign-ins to one username of one biller, from all addresses together
     * @param linksPerAddress   password links asked for from one client address (each may send an email)
     * @param linksPerRecipient password links asked for one username or email address of one biller
     */
    public record SignIn(@DefaultValue({"5/10s", "10/30s", "20/60s"}) List<String> perAddress,
            @DefaultValue({"10/10s", "40/60s"}) List<String> perUsername,
            @DefaultValue("10/1m") List<String> linksPerAddress, @DefaultValue("3/10m") List<String> linksPerRecipient) {

        public Ladder addressLadder() {
            return Ladder.parse(perAddress);
        }

        public Ladder usernameLadder() {
            return Ladder.parse(perUsername);
        }

        public Ladder linkAddressLadder() {
            return Ladder.parse(linksPerAddress);
        }

        public Ladder linkRecipientLadder() {
            return Ladder.parse(linksPerRecipient);
        }
    }
}
