package org.ratepayer.paynow.internal;

import org.ratepayer.paynow.LocalServices;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ratepayer.balances.BalanceService;
import org.ratepayer.balances.BalanceView;
import org.ratepayer.billers.AllowedOrigins;
import org.ratepayer.billers.BillerConfig;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billing.RenumberedAccounts;
import org.ratepayer.payers.PayerDirectory;
import org.ratepayer.shared.web.Environment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a partner's Cloud Payments V2 request into a one-time link to the hosted page (docs/paynow.md). The
 * request is checked whole before anything is written; then, in one transaction, the accounts and
 * invoices it names are created or updated (CreateCustomerRecord) and the session is stored. A refusal
 * at any point changes nothing.
 */
@Service
public class PayNowService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PayNowRequestParser parser = new PayNowRequestParser();
    private final BillerService billers;
    private final PayNowCustomers customers;
    private final PayNowSessions sessions;
    private final BalanceService balances;
    private final PayNowProperties props;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ObjectProvider<LocalServices> localServices;
    private final PayerDirectory payers;
    private final RenumberedAccounts renumbered;

    public PayNowService(BillerService billers, PayNowCustomers customers, PayNowSessions sessions, BalanceService balances,
            PayNowProperties props, PlatformTransactionManager txManager, Clock clock, ObjectProvider<LocalServices> localServices,
            PayerDirectory payers, RenumberedAccounts renumbered) {
        this.renumbered = renumbered;
        this.payers = payers;
        this.billers = billers;
        this.customers = customers;
        this.sessions = sessions;
        this.balances = balances;
        this.props = props;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        this.localServices = localServices;
    }

    /** @param link the secret of the one-time URL (only its hash is stored) */
    public record Created(String link, UUID sessionGuid) {
    }

    /** The partner URL rules of one biller. */
    public PartnerUrlPolicy policy(long bid) {
        return policy(billers.cachedConfig(bid));
    }

    private PartnerUrlPolicy policy(BillerConfig config) {
        return new PartnerUrlPolicy(config.setting(ConfigCatalogue.SET_PAYNOW_ORIGINS).map(AllowedOrigins::parse)
                .orElse(AllowedOrigins.none()), props.loopbackHttp(), props.loopbackHttp()
                ? localServices.orderedStream().flatMap(s -> s.ports().stream()).collect(Collectors.toSet()) : Set.of());
    }

    /**
     * @throws PayNowRequestException for anything wrong with the request, naming the field; nothing is written then
     */
    public Created create(long bid, Environment env, byte[] body, String partnerIp, String receivedBy) {
        BillerConfig config = billers.cachedConfig(bid);
        PayNowRequest request = currentNumbers(bid, parser.parse(body, config.maximumPayment()));
        PartnerUrlPolicy policy = policy(config);
        policy.check("PostBackURL", request.postBackUrl());
        policy.check("ReturnURL", request.returnUrl());
        policy.check("CssUrl", request.cssUrl());
        if (request.postBackUrl() != null && config.setting(ConfigCatalogue.SET_PAYNOW_POSTBACK_SECRET).isEmpty()) {
            throw new PayNowRequestException("PostBackURL", "the biller has no postback signing secret yet (setting 1004), so "
                    + "postbacks could not be signed; ask the biller's administrator to set it");
        }
        if (request.inIframe() && "'none'".equals(policy.frameAncestors())) {
            throw new PayNowRequestException("ViewMode", "1 (iframe) needs the partner's origin among the biller's allowed "
                    + "origins (setting 1003), or the page could not be framed");
        }
        if (!request.allowCcPayment() && !request.allowAchPayment()) {
            throw new PayNowRequestException("AllowCCPayment", "AllowCCPayment and AllowACHPayment are both false: the payer "
                    + "would have no way to pay");
        }
        byte[] link = randomSecret();
        String linkText = Base64.getUrlEncoder().withoutPadding().encodeToString(link);
        byte[] linkHash = sha256(linkText);
        UUID guid = UUID.randomUUID();
        // Asked before the transaction: a CIS that takes its full timeout must not hold the session's locks meanwhile.
        Map<String, BalanceView> live = new HashMap<>();
        request.customers().stream().filter(c -> c.invoices().isEmpty())
                .forEach(c -> balances.balance(bid, c.accountNumber()).ifPresent(v -> live.put(c.accountNumber(), v)));
        tx.executeWithoutResult(s -> {
            // Redeemed in this transaction: a request refused later leaves the token as it was.
            Long payerUserId = signedOn(bid, request);
            List<PayNowItem> items = records(bid, request, live, body.length, HexFormat.of().formatHex(linkHash), receivedBy);
            sessions.insert(guid, bid, env, linkHash, new PayNowSession.Terms(request.withoutRemoteAuthenticationToken(), items),
                    partnerIp, OffsetDateTime.now(clock).plus(props.linkTtl()), payerUserId);
        });
        return new Created(linkText, guid);
    }

    /**
     * The request with each customer under its account's current number: a partner may still send a number a
     * conversion replaced (docs/conversion-old-numbers.md). The session, the page, the payment and its posting to the CIS
     * then all name the new number, and CreateCustomerRecord can never make a second account under the old one. Two
     * customers that turn out to be one account are refused as the parser refuses a number given twice.
     */
    private PayNowRequest currentNumbers(long bid, PayNowRequest request) {
        List<PayNowRequest.Customer> customers = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean changed = false;
        for (int ci = 0; ci < request.customers().size(); ci++) {
            PayNowRequest.Customer c = request.customers().get(ci);
            Optional<RenumberedAccounts.Renumbering> r = renumbered.current(bid, c.accountNumber());
            PayNowRequest.Customer current = r.map(x -> new PayNowRequest.Customer(x.newAccountNumber(), c.displayAccountNumber(),
                    c.name(), c.address(), c.city(), c.state(), c.zip(), c.emailAddress(), c.invoices())).orElse(c);
            Integer earlier = seen.putIfAbsent(current.accountNumber(), ci);
            if (earlier != null) {
                throw new PayNowRequestException("Customers[" + ci + "].AccountNumber", "account " + c.accountNumber()
                        + " is now account " + current.accountNumber() + ", as is Customers[" + earlier
                        + "]; send one customer per account");
            }
            changed |= r.isPresent();
            customers.add(current);
        }
        if (!changed) {
            return request;
        }
        return new PayNowRequest(customers, request.createCustomerRecord(), request.allowSwipe(), request.allowCcPayment(),
                request.allowAchPayment(), request.allowEmv(), request.emvDeviceId(), request.emvLocationId(),
                request.cashierName(), request.returnUrl(), request.postBackUrl(), request.billerReference(), request.viewMode(),
                request.cssUrl(), request.pageLoadOverride(), request.remoteAuthenticationToken(), request.pageResultOptions());
    }

    /**
     * The portal user a RemoteAuthenticationToken signs on (a sign-on token the CIS minted for this biller's user,
     * docs/payers-remote-registration.md), used up here; null without one. The user must hold every account the
     * request names, or the token would open another payer's bills.
     */
    private Long signedOn(long bid, PayNowRequest request) {
        String token = request.remoteAuthenticationToken();
        if (token == null) {
            return null;
        }
        PayerDirectory.SignOn signOn = payers.redeemSignOn(bid, token).orElseThrow(() -> new PayNowRequestException(
                "RemoteAuthenticationToken", "unknown, already used or expired: mint a new sign-on token for the user"));
        for (int ci = 0; ci < request.customers().size(); ci++) {
            String account = request.customers().get(ci).accountNumber();
            if (!signOn.payer().holds(account)) {
                throw new PayNowRequestException("RemoteAuthenticationToken", "its user does not hold account " + account
                        + " (Customers[" + ci + "].AccountNumber); link the account to the user first");
            }
        }
        return signOn.payer().userId();
    }

    /** Checks every customer and invoice against the biller's records, writes what CreateCustomerRecord asks, and fixes the items. */
    private List<PayNowItem> records(long bid, PayNowRequest request, Map<String, BalanceView> refreshed, long size,
            String requestHash, String receivedBy) {
        List<PayNowItem> items = new ArrayList<>();
        Long fileId = null;
        int created = 0;
        BigDecimal createdTotal = BigDecimal.ZERO;
        // An invoice the partner sends without a date is dated the biller's today, not the server's.
        LocalDate today = billers.cachedConfig(bid).today(clock);
        for (int ci = 0; ci < request.customers().size(); ci++) {
            PayNowRequest.Customer c = request.customers().get(ci);
            String at = "Customers[" + ci + "]";
            if (request.createCustomerRecord()) {
                customers.upsertAccount(bid, c);
            } else if (!customers.accountExists(bid, c.accountNumber())) {
                throw new PayNowRequestException(at + ".AccountNumber", "account " + c.accountNumber()
                        + " is not known to the biller; send CreateCustomerRecord true to create it");
            }
            List<PayNowRequest.Invoice> invoices = c.invoices();
            if (invoices.isEmpty()) {
                // No invoices sent: the page offers the account's newest open invoice at the balance the CIS
                // gives now (docs/cis-balances.md), as the payment page does; the stored amount may be a bill behind. When
                // the CIS does not answer, the last known balance stands in and the page says so.
                Optional<String> newest = customers.newestOpenInvoice(bid, c.accountNumber());
                if (newest.isPresent()) {
                    PayNowCustomers.StoredInvoice s = customers.invoice(bid, newest.get()).orElseThrow();
                    Optional<BalanceView> live = Optional.ofNullable(refreshed.get(c.accountNumber()));
                    items.add(new PayNowItem(ci, c.accountNumber(), newest.get(), s.dueDate(),
                            live.map(BalanceView::balanceDue).orElse(s.totalAmountDue()), s.ccServiceFee(), s.achServiceFee(),
                            s.minimumAmountDue(), Boolean.TRUE.equals(s.allowPartialPayments()),
                            live.map(v -> v.prepaid() != null).orElse(false), live.map(BalanceView::source).orElse(null)));
                }
                continue;
            }
            for (int ii = 0; ii < invoices.size(); ii++) {
                PayNowRequest.Invoice i = invoices.get(ii);
                String iat = at + ".Invoices[" + ii + "]";
                // With CreateCustomerRecord the update reads the invoice too (one round trip instead of two).
                Optional<PayNowCustomers.StoredInvoice> stored = request.createCustomerRecord()
                        ? customers.updateInvoice(bid, i) : customers.invoice(bid, i.invoiceNumber());
                if (stored.isPresent() && !stored.get().accountNumber().equals(c.accountNumber())) {
                    throw new PayNowRequestException(iat + ".InvoiceNumber", "invoice " + i.invoiceNumber()
                            + " belongs to another account of the biller");
                }
                if (stored.isEmpty()) {
                    if (!request.createCustomerRecord()) {
                        throw new PayNowRequestException(iat + ".InvoiceNumber", "invoice " + i.invoiceNumber()
                                + " is not known to the biller; send CreateCustomerRecord true to create it");
                    }
                    if (i.balanceDue() == null) {
                        throw new PayNowRequestException(iat + ".BalanceDue", "required to create invoice " + i.invoiceNumber());
                    }
                    if (fileId == null) {
                        fileId = customers.requestFile(bid, "Pay Now request", requestHash, size, receivedBy);
                    }
                    customers.insertInvoice(bid, c.accountNumber(), fileId, ++created, i, today);
                    createdTotal = createdTotal.add(i.balanceDue());
                }
                PayNowCustomers.StoredInvoice s = stored.orElse(null);
                BigDecimal balance = i.balanceDue() != null ? i.balanceDue() : s.totalAmountDue();
                items.add(new PayNowItem(ci, c.accountNumber(), i.invoiceNumber(),
                        i.dueDate() != null ? i.dueDate() : s == null ? null : s.dueDate(), balance,
                        i.ccServiceFee() != null ? i.ccServiceFee() : s == null ? null : s.ccServiceFee(),
                        i.achServiceFee() != null ? i.achServiceFee() : s == null ? null : s.achServiceFee(),
                        i.minimumAmountDue() != null ? i.minimumAmountDue() : s == null ? null : s.minimumAmountDue(),
                        Boolean.TRUE.equals(i.allowPartialPayments() != null ? i.allowPartialPayments()
                                : s == null ? null : s.allowPartialPayments()), false, null));
            }
        }
        if (fileId != null) {
            customers.countFile(fileId, created, request.customers().size(), createdTotal);
        }
        if (items.stream().noneMatch(PayNowItem::payable)) {
            throw new PayNowRequestException("Customers", "nothing to pay: no invoice of these customers has a balance due");
        }
        return items;
    }

    /**
     * Opens a one-time link: it must be unused and unexpired.
     *
     * @return the page key the hosted page carries from now on, or empty when the link is unknown, used or expired
     */
    public Optional<String> open(String link) {
        if (link == null || link.length() > 100) {
            return Optional.empty();
        }
        String page = Base64.getUrlEncoder().withoutPadding().encodeToString(randomSecret());
        return sessions.open(sha256(link), sha256(page), props.linkTtl()).map(id -> page);
    }

    /** The open session behind a page key, or empty when unknown or expired. */
    public Optional<PayNowSession> session(String page) {
        if (page == null || page.length() > 100) {
            return Optional.empty();
        }
        return sessions.byPage(sha256(page));
    }

    private static byte[] randomSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
