package org.ratepayer.payments.internal.authorizenet;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.JAXBIntrospector;
import jakarta.xml.bind.Marshaller;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import net.authorize.api.contract.v1.ANetApiRequest;
import net.authorize.api.contract.v1.ANetApiResponse;
import net.authorize.api.contract.v1.ArrayOfSetting;
import net.authorize.api.contract.v1.BankAccountMaskedType;
import net.authorize.api.contract.v1.BankAccountType;
import net.authorize.api.contract.v1.BankAccountTypeEnum;
import net.authorize.api.contract.v1.BatchDetailsType;
import net.authorize.api.contract.v1.CreateCustomerProfileRequest;
import net.authorize.api.contract.v1.CreateCustomerProfileResponse;
import net.authorize.api.contract.v1.CreateTransactionRequest;
import net.authorize.api.contract.v1.CreateTransactionResponse;
import net.authorize.api.contract.v1.CreditCardMaskedType;
import net.authorize.api.contract.v1.CreditCardType;
import net.authorize.api.contract.v1.CustomerPaymentProfileType;
import net.authorize.api.contract.v1.CustomerProfilePaymentType;
import net.authorize.api.contract.v1.CustomerProfileType;
import net.authorize.api.contract.v1.EcheckTypeEnum;
import net.authorize.api.contract.v1.ErrorResponse;
import net.authorize.api.contract.v1.GetCustomerPaymentProfileRequest;
import net.authorize.api.contract.v1.GetCustomerPaymentProfileResponse;
import net.authorize.api.contract.v1.GetSettledBatchListRequest;
import net.authorize.api.contract.v1.GetSettledBatchListResponse;
import net.authorize.api.contract.v1.GetTransactionDetailsRequest;
import net.authorize.api.contract.v1.GetTransactionDetailsResponse;
import net.authorize.api.contract.v1.GetTransactionListRequest;
import net.authorize.api.contract.v1.GetTransactionListResponse;
import net.authorize.api.contract.v1.GetUnsettledTransactionListRequest;
import net.authorize.api.contract.v1.GetUnsettledTransactionListResponse;
import net.authorize.api.contract.v1.MerchantAuthenticationType;
import net.authorize.api.contract.v1.MessageTypeEnum;
import net.authorize.api.contract.v1.MessagesType;
import net.authorize.api.contract.v1.OpaqueDataType;
import net.authorize.api.contract.v1.OrderType;
import net.authorize.api.contract.v1.Paging;
import net.authorize.api.contract.v1.PaymentMaskedType;
import net.authorize.api.contract.v1.PaymentProfile;
import net.authorize.api.contract.v1.PaymentType;
import net.authorize.api.contract.v1.ReturnedItemType;
import net.authorize.api.contract.v1.SettingNameEnum;
import net.authorize.api.contract.v1.SettingType;
import net.authorize.api.contract.v1.TransactionDetailsType;
import net.authorize.api.contract.v1.TransactionListOrderFieldEnum;
import net.authorize.api.contract.v1.TransactionListSorting;
import net.authorize.api.contract.v1.TransactionRequestType;
import net.authorize.api.contract.v1.TransactionResponse;
import net.authorize.api.contract.v1.TransactionSummaryType;
import net.authorize.api.contract.v1.TransactionTypeEnum;
import net.authorize.api.contract.v1.UserField;
import net.authorize.api.contract.v1.ValidationModeEnum;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.gateway.CardDetails;
import org.ratepayer.payments.gateway.InvalidPaymentMethodException;
import org.ratepayer.payments.gateway.MethodNotAcceptedException;
import org.ratepayer.payments.gateway.PaymentGateway;
import org.ratepayer.payments.internal.RecordedCharges;
import org.ratepayer.payments.gateway.PaymentMethodChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Authorize.Net adapter (docs/processors.md, "Authorize.Net"). Each biller is its own merchant, called with its own
 * API login id and transaction key (settings 1023, 1024). It speaks the XML API with the official SDK's request and
 * answer types, but posts them itself: the SDK's own transport keeps its environment, credentials and timeouts in
 * static fields (and swallows a timeout into an answer that looks like any other error), so two billers' calls could
 * share them and an unknown outcome could not be told from a refusal.
 * <p>
 * A charge carries a 20-character form of the payment GUID ({@link #key(UUID)}) as {@code refId} and as the order's
 * {@code invoiceNumber}, the only field a transaction list shows, so the repair job finds a charge whose answer was lost
 * by listing recent transactions. The full GUID goes in a {@code payment_guid} user field, for staff reading the
 * Merchant Interface.
 */
public final class AuthorizeNetGateway implements PaymentGateway {

    private static final Logger log = LoggerFactory.getLogger(AuthorizeNetGateway.class);

    /** An Accept.js payment nonce: {@code anet-nonce:<CARD|BANK>:<brand or account type>:<last four>:<nonce>}. */
    static final String NONCE = "anet-nonce:";
    /** A customer payment profile: {@code anet-profile:<customerProfileId>/<paymentProfileId>}. */
    static final String PROFILE = "anet-profile:";
    /** What Accept.js nonces are called in {@code opaqueData}. */
    static final String ACCEPT_DESCRIPTOR = "COMMON.ACCEPT.INAPP.PAYMENT";
    static final String GUID_FIELD = "payment_guid";
    /** What a transaction's {@code accountType} says for a bank account. */
    static final String ECHECK = "eCheck";
    private static final int PAGE = 1000;

    /** Statuses of a charge that are settled one way or the other, by what the payment becomes. */
    private static final Set<String> APPROVED_STATUSES = Set.of("authorizedPendingCapture", "capturedPendingSettlement",
            "settledSuccessfully", "pendingSettlement", "pendingFinalSettlement", "approvedReview", "refundPendingSettlement",
            "refundSettledSuccessfully", "returnedItem", "chargeback", "chargebackReversal", "couldNotVoid", "voided");
    private static final Set<String> DECLINED_STATUSES = Set.of("declined", "failedReview", "expired");
    private static final Set<String> ERROR_STATUSES = Set.of("communicationError", "generalError", "settlementError");

    /** A biller's Authorize.Net credentials; the key never shows in a log or a message. */
    public record Credentials(String loginId, String transactionKey) {
        @Override
        public String toString() {
            return "Credentials[" + loginId + ", ********]";
        }
    }

    /** The biller's credentials, if it has set both. */
    public interface Accounts {
        Optional<Credentials> credentials(long bid);
    }

    /** The biller's public client key for Accept.js (setting 1025), if it has set one. */
    public interface ClientKeys {
        Optional<String> clientKey(long bid);
    }

    /** When the biller's business day ends (docs/settlement.md): the settlement takes the batches closed within it. */
    public interface BusinessDays {
        Instant end(long bid, LocalDate day);
    }

    private final AuthorizeNetProperties props;
    private final Accounts accounts;
    private final ClientKeys clientKeys;
    private final RecordedCharges recorded;
    private final BusinessDays days;
    private final Clock clock;
    private final HttpClient http;
    private final JAXBContext xml;
    private final XMLInputFactory reading;
    private final DatatypeFactory dates;

    public AuthorizeNetGateway(AuthorizeNetProperties props, Accounts accounts, ClientKeys clientKeys, RecordedCharges recorded,
            BusinessDays days, Clock clock) {
        this.props = props;
        this.accounts = accounts;
        this.clientKeys = clientKeys;
        this.recorded = recorded;
        this.days = days;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(props.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            this.xml = JAXBContext.newInstance(CreateTransactionRequest.class, CreateTransactionResponse.class,
                    GetTransactionListRequest.class, GetTransactionListResponse.class, GetUnsettledTransactionListRequest.class,
                    GetUnsettledTransactionListResponse.class, GetSettledBatchListRequest.class, GetSettledBatchListResponse.class,
                    GetTransactionDetailsRequest.class, GetTransactionDetailsResponse.class, CreateCustomerProfileRequest.class,
                    CreateCustomerProfileResponse.class, GetCustomerPaymentProfileRequest.class,
                    GetCustomerPaymentProfileResponse.class, ErrorResponse.class);
            this.dates = DatatypeFactory.newInstance();
        } catch (JAXBException | DatatypeConfigurationException e) {
            throw new IllegalStateException("the Authorize.Net API types cannot be loaded", e);
        }
        // answers are read with no DTDs and no external entities (XXE)
        this.reading = XMLInputFactory.newFactory();
        reading.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        reading.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /*
     * Authorize.Net takes card numbers from a merchant's server (its API is the classic server-to-server one), so the
     * channel API's IVR and kiosk payments keep working for a biller on it; the price is PCI DSS SAQ D for whoever runs
     * the servers the numbers pass through (docs/processors.md, "Card numbers from servers").
     */
    @Override
    public boolean acceptsCardNumbers() {
        return true;
    }

    /*
     * A card number is never kept, not even in memory: it becomes a customer payment profile at Authorize.Net at once
     * (its token vault, CIM), and the token names the profile. A token made so works on every node and again later
     * (a wallet, autopay), like any processor's.
     */
    /*
     * Accept.js's hosted payment form (AcceptUI): a lightbox of Authorize.Net's own origin takes the card and answers the
     * page with a one-time nonce (docs/hosted-fields.md). It needs the login id and the public client key (1025); without
     * them the pages say they cannot take a card. Cards only: AcceptUI's bank form gives no account type to record.
     */
    @Override
    public HostedFields hostedFields(long bid) {
        Optional<Credentials> credentials = accounts.credentials(bid);
        Optional<String> clientKey = clientKeys.clientKey(bid);
        if (credentials.isEmpty() || clientKey.isEmpty()) {
            throw new MethodNotAcceptedException("setting 1025",
                    "the biller uses Authorize.Net but has no login id (1023) or public client key (1025), so no card fields can be shown");
        }
        String script = props.acceptUi();
        String scriptOrigin = origin(script);
        // cards in AcceptUI's lightbox; bank accounts in the page's own unnamed fields, sent by Accept.js straight to
        // Authorize.Net (same script origin, same API origin): docs/hosted-fields.md
        return new HostedFields("authorizenet", script,
                java.util.Map.of("apiLoginId", credentials.get().loginId(), "clientKey", clientKey.get(), "methods", "CARD,ACH",
                        "acceptJsUrl", props.acceptJs()),
                List.of(scriptOrigin), List.of(scriptOrigin), List.of(origin(props.apiBase())));
    }

    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    @Override
    public Tokenized tokenizeCard(long bid, PaymentMethodChecks.CheckedCard card, CardDetails details) {
        CreditCardType cc = new CreditCardType();
        cc.setCardNumber(card.number());
        cc.setExpirationDate(String.format(Locale.ROOT, "%04d-%02d", details.expYear(), details.expMonth()));
        if (details.cvv() != null && !details.cvv().isBlank()) {
            cc.setCardCode(details.cvv().trim());
        }
        PaymentType payment = new PaymentType();
        payment.setCreditCard(cc);
        String token = profile(bid, payment, "card");
        return new Tokenized(token, Method.CARD, card.brand(), card.last4());
    }

    @Override
    public Tokenized tokenizeBank(long bid, PaymentMethodChecks.CheckedBank bank) {
        return tokenizeBank(bid, bank, null, null);
    }

    @Override
    public Tokenized tokenizeBank(long bid, PaymentMethodChecks.CheckedBank bank, Channel channel, String nameOnAccount) {
        PaymentType payment = new PaymentType();
        payment.setBankAccount(bankAccount(bank, channel, nameOnAccount));
        String token = profile(bid, payment, "bank");
        return new Tokenized(token, Method.ACH, bank.accountType(), bank.last4());
    }

    /** What eCheck.Net's {@code nameOnAccount} says when the payer gave no name and the bill has none. */
    static final String NO_NAME = "Account holder";
    /** eCheck.Net's limit for {@code nameOnAccount}. */
    static final int NAME_LIMIT = 22;

    /*
     * The account as eCheck.Net files it: its SEC code from how the payer authorised the debit (secCode), and the name on
     * the account the payer gave or the bill's customer name, cut to eCheck.Net's 22 characters (docs/processors.md,
     * "eCheck.Net: SEC code and name"). Both stay with the payment profile, so a saved account charged later (autopay, a
     * scheduled payment) keeps the SEC code of its authorisation: a profile's charge cannot name another.
     */
    static BankAccountType bankAccount(PaymentMethodChecks.CheckedBank bank, Channel channel, String nameOnAccount) {
        BankAccountType b = new BankAccountType();
        b.setAccountType("SAVINGS".equals(bank.accountType()) ? BankAccountTypeEnum.SAVINGS : BankAccountTypeEnum.CHECKING);
        b.setRoutingNumber(bank.routingNumber());
        b.setAccountNumber(bank.accountNumber());
        b.setNameOnAccount(nameOnAccount(nameOnAccount));
        b.setEcheckType(secCode(channel));
        return b;
    }

    /**
     * The NACHA SEC code of a debit authorised on {@code channel}: TEL where the payer authorised it by telephone (the IVR,
     * its outbound calls, the staff desk taking it on the phone), WEB everywhere else: the pages and the portal (null),
     * Pay Now and the channel API's web payments, and the kiosk and point of sale, where the payer keys the debit into a
     * terminal that sends it over the internet. AUTOPAY and SCHEDULED never give new account details (they charge the
     * saved profile, whose SEC code is that of its enrolment): WEB, should they ever.
     */
    static EcheckTypeEnum secCode(Channel channel) {
        if (channel == null) {
            return EcheckTypeEnum.WEB;
        }
        return switch (channel) {
            case IVR, OBD, CSRWEB -> EcheckTypeEnum.TEL;
            case WEB, CPV2, KIOSK, POS, AUTOPAY, SCHEDULED -> EcheckTypeEnum.WEB;
        };
    }

    /** The name as eCheck.Net takes it: printable, single spaces, at most 22 characters; {@value #NO_NAME} when none. */
    static String nameOnAccount(String given) {
        String name = given == null ? "" : given.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
        if (name.isEmpty()) {
            return NO_NAME;
        }
        return name.length() <= NAME_LIMIT ? name : name.substring(0, NAME_LIMIT).strip();
    }

    private String profile(long bid, PaymentType payment, String field) {
        CustomerPaymentProfileType paymentProfile = new CustomerPaymentProfileType();
        paymentProfile.setPayment(payment);
        CustomerProfileType profile = new CustomerProfileType();
        // Authorize.Net wants one of id, email, description and refuses a second profile with the same: a random id
        profile.setMerchantCustomerId(key(UUID.randomUUID()));
        profile.setDescription("Ratepayer payment method");
        profile.getPaymentProfiles().add(paymentProfile);
        CreateCustomerProfileRequest request = new CreateCustomerProfileRequest();
        request.setProfile(profile);
        // no authorisation of a dollar to check the card: the charge that follows checks it, and a wallet's card at its use
        request.setValidationMode(ValidationModeEnum.NONE);
        ANetApiResponse answer = call(bid, request, "payment profile");
        if (answer instanceof CreateCustomerProfileResponse r && ok(r) && r.getCustomerPaymentProfileIdList() != null
                && !r.getCustomerPaymentProfileIdList().getNumericString().isEmpty()) {
            return PROFILE + r.getCustomerProfileId() + "/" + r.getCustomerPaymentProfileIdList().getNumericString().get(0);
        }
        String codes = codes(answer);
        // E00013/E00015/E00003: a field Authorize.Net finds invalid (a card number or a routing number it refuses)
        if (codes.contains("E00013") || codes.contains("E00015") || codes.contains("E00003") || codes.contains("E00027")) {
            throw new InvalidPaymentMethodException(field, "refused by the processor: " + text(answer));
        }
        // not the payer's doing (bad credentials, CIM off for the account): nothing was charged, the payer may try again
        log.error("biller {}: Authorize.Net refused the payment profile: {}", bid, codes(answer));
        throw new GatewayUnavailableException("Authorize.Net refused the payment profile: " + text(answer), null);
    }

    /*
     * An Accept.js nonce pays once and expires in 15 minutes: a method saved to be charged again becomes a customer payment
     * profile made from the nonce (before its first charge, which then uses the profile). A profile is kept as it is.
     */
    @Override
    public Tokenized forReuse(long bid, Tokenized method) {
        Optional<Nonce> nonce = Nonce.parse(method.token());
        if (nonce.isEmpty()) {
            return method;
        }
        OpaqueDataType opaque = new OpaqueDataType();
        opaque.setDataDescriptor(ACCEPT_DESCRIPTOR);
        opaque.setDataValue(nonce.get().value());
        PaymentType payment = new PaymentType();
        payment.setOpaqueData(opaque);
        return new Tokenized(profile(bid, payment, "methodToken"), method.method(), method.brand(), method.last4());
    }

    @Override
    public Result charge(long bid, UUID paymentGuid, String token, BigDecimal total) {
        TransactionRequestType t = new TransactionRequestType();
        t.setTransactionType(TransactionTypeEnum.AUTH_CAPTURE_TRANSACTION.value());
        t.setAmount(amount(total));
        if (token != null && token.startsWith(PROFILE)) {
            t.setProfile(profilePayment(token));
        } else {
            Optional<Nonce> nonce = Nonce.parse(token);
            if (nonce.isEmpty()) {
                return new Result(Outcome.ERROR, null, null, "Processor error: not an Authorize.Net payment method token");
            }
            OpaqueDataType opaque = new OpaqueDataType();
            opaque.setDataDescriptor(ACCEPT_DESCRIPTOR);
            opaque.setDataValue(nonce.get().value());
            PaymentType payment = new PaymentType();
            payment.setOpaqueData(opaque);
            t.setPayment(payment);
        }
        t.setOrder(order(key(paymentGuid), "Ratepayer payment " + paymentGuid));
        t.setTransactionSettings(settings());
        TransactionRequestType.UserFields fields = new TransactionRequestType.UserFields();
        UserField guid = new UserField();
        guid.setName(GUID_FIELD);
        guid.setValue(paymentGuid.toString());
        fields.getUserField().add(guid);
        t.setUserFields(fields);
        CreateTransactionRequest request = new CreateTransactionRequest();
        request.setRefId(key(paymentGuid));
        request.setTransactionRequest(t);
        ANetApiResponse answer = call(bid, request, "charge of payment " + paymentGuid);
        return chargeResult(bid, paymentGuid, answer, nonce(token).map(n -> n.method() == Method.ACH).orElse(false));
    }

    private static Optional<Nonce> nonce(String token) {
        return token != null && token.startsWith(NONCE) ? Nonce.parse(token) : Optional.empty();
    }

    /*
     * An approved eCheck (response code 1 on a bank account) is only accepted: the member's bank answers days later, so it
     * is PENDING, followed by the eCheck poll (ECheckPoll) until settled or returned (docs/ach.md, "Authorize.Net").
     * Authorize.Net's answer says "eCheck" as its accountType for a bank account, whether paid by profile or by nonce.
     */
    private Result chargeResult(long bid, UUID paymentGuid, ANetApiResponse answer, boolean bankNonce) {
        TransactionResponse t = answer instanceof CreateTransactionResponse r ? r.getTransactionResponse() : null;
        if (t == null || t.getResponseCode() == null) {
            // an API error before any transaction (E00007 bad credentials, E00114 a nonce not this biller's): nothing taken
            log.error("biller {}: Authorize.Net refused the charge of payment {}: {}", bid, paymentGuid, codes(answer));
            return new Result(Outcome.ERROR, null, null, "Processor error: " + text(answer));
        }
        String transId = blankToNull(t.getTransId());
        return switch (t.getResponseCode()) {
            case "1" -> bankNonce || ECHECK.equalsIgnoreCase(t.getAccountType())
                    ? new Result(Outcome.PENDING, transId, transId, "Pending: the bank debit was accepted")
                    : new Result(Outcome.APPROVED, blankToNull(t.getAuthCode()) == null ? transId : t.getAuthCode(), transId, "Approved");
            case "2" -> new Result(Outcome.DECLINED, null, transId, "Declined: " + errors(t));
            case "3" -> {
                if (errorCodes(t).contains("11")) {
                    // a duplicate of a transaction Authorize.Net took moments ago: the first one's outcome is the answer
                    log.warn("biller {}: Authorize.Net calls the charge of payment {} a duplicate: outcome unknown", bid, paymentGuid);
                    throw new GatewayTimeoutException("Authorize.Net answered duplicate: outcome of the first attempt unknown");
                }
                yield new Result(Outcome.ERROR, null, transId, "Processor error: " + errors(t));
            }
            case "4" -> {
                // held for review by the biller's fraud filters: decided later, by the biller in the Merchant Interface
                log.warn("biller {}: Authorize.Net holds the charge of payment {} for review (transaction {})", bid, paymentGuid, transId);
                throw new GatewayTimeoutException("Authorize.Net holds the charge for review: outcome decided later");
            }
            default -> throw new GatewayTimeoutException("Authorize.Net answered response code " + t.getResponseCode() + ": outcome unknown");
        };
    }

    @Override
    public Optional<Tokenized> known(long bid, String token) {
        if (token == null) {
            return Optional.empty();
        }
        if (token.startsWith(NONCE)) {
            // a nonce cannot be asked about: what the page's Accept.js was told (brand, last four) rides in the token, and
            // Authorize.Net checks the nonce itself at the charge (another biller's is refused, E00114)
            return Nonce.parse(token).map(n -> new Tokenized(token, n.method(), n.brand(), n.last4()));
        }
        if (!token.startsWith(PROFILE)) {
            return Optional.empty();
        }
        CustomerProfilePaymentType ids = profilePayment(token);
        if (ids == null) {
            return Optional.empty();
        }
        GetCustomerPaymentProfileRequest request = new GetCustomerPaymentProfileRequest();
        request.setCustomerProfileId(ids.getCustomerProfileId());
        request.setCustomerPaymentProfileId(ids.getPaymentProfile().getPaymentProfileId());
        ANetApiResponse answer = call(bid, request, "payment profile look-up");
        if (!(answer instanceof GetCustomerPaymentProfileResponse r) || !ok(r) || r.getPaymentProfile() == null) {
            if (codes(answer).contains("E00040")) {
                // "record not found": another merchant's profile (another biller's), or one never made
                return Optional.empty();
            }
            log.error("biller {}: Authorize.Net refused the payment profile look-up: {}", bid, codes(answer));
            throw new GatewayUnavailableException("Authorize.Net refused the payment profile look-up: " + text(answer), null);
        }
        PaymentMaskedType p = r.getPaymentProfile().getPayment();
        if (p != null && p.getCreditCard() != null) {
            CreditCardMaskedType cc = p.getCreditCard();
            return Optional.of(new Tokenized(token, Method.CARD, brand(cc.getCardType()), last4(cc.getCardNumber())));
        }
        if (p != null && p.getBankAccount() != null) {
            BankAccountMaskedType b = p.getBankAccount();
            return Optional.of(new Tokenized(token, Method.ACH,
                    b.getAccountType() == BankAccountTypeEnum.SAVINGS ? "SAVINGS" : "CHECKING", last4(b.getAccountNumber())));
        }
        return Optional.empty();
    }

    /*
     * Authorize.Net finds a transaction by id only; the transaction lists show each one's invoice number, which is the
     * payment's key. So a look-up reads the unsettled transactions, then the batches settled in the last few days
     * (ratepayer.authorizenet.look-back), and asks for the details of the one that matches.
     */
    @Override
    public Optional<Result> lookup(long bid, UUID paymentGuid) {
        Optional<TransactionSummaryType> found = find(bid, key(paymentGuid));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TransactionDetailsType d = details(bid, found.get().getTransId());
        String status = d.getTransactionStatus() == null ? "" : d.getTransactionStatus();
        String transId = d.getTransId();
        if (isBank(d) && "voided".equals(status)) {
            // voided before it settled (in the Merchant Interface): no debit ever reached the bank, nothing was taken
            return Optional.of(new Result(Outcome.DECLINED, null, transId, "Declined: the eCheck was voided before settlement"));
        }
        if (isBank(d) && APPROVED_STATUSES.contains(status) && !"settledSuccessfully".equals(status)) {
            // an eCheck not settled yet (or settled and returned since): PENDING, the eCheck poll follows it from there
            return Optional.of(new Result(Outcome.PENDING, transId, transId, "Pending: the bank debit was accepted"));
        }
        if (APPROVED_STATUSES.contains(status)) {
            return Optional.of(new Result(Outcome.APPROVED, blankToNull(d.getAuthCode()) == null ? transId : d.getAuthCode(), transId,
                    "Approved"));
        }
        if (DECLINED_STATUSES.contains(status)) {
            return Optional.of(new Result(Outcome.DECLINED, null, transId, "Declined: " + reason(d, status)));
        }
        if (ERROR_STATUSES.contains(status)) {
            return Optional.of(new Result(Outcome.ERROR, null, transId, "Processor error: " + reason(d, status)));
        }
        // FDSPendingReview, FDSAuthorizedPendingReview, underReview: still undecided. Thrown rather than "not found", so
        // the repair job keeps asking at each pass and never closes a held charge as an error the processor never saw.
        throw new GatewayTimeoutException("Authorize.Net transaction " + transId + " is " + status + ": outcome decided later");
    }

    /**
     * What Authorize.Net says now of one transaction, for the eCheck poll (docs/ach.md, "Authorize.Net"): its
     * {@code transactionStatus}, whether it debits a bank account, and for a returned item the first of its
     * {@code returnedItems} (the NACHA code, e.g. R01, and Authorize.Net's words).
     *
     * @throws GatewayTimeoutException     no answer in time
     * @throws GatewayUnavailableException no connection
     */
    public ECheckStatus eCheckStatus(long bid, String transId) {
        TransactionDetailsType d = details(bid, transId);
        ReturnedItemType returned = d.getReturnedItems() == null || d.getReturnedItems().getReturnedItem().isEmpty() ? null
                : d.getReturnedItems().getReturnedItem().get(0);
        return new ECheckStatus(d.getTransId(), d.getTransactionStatus() == null ? "" : d.getTransactionStatus(), isBank(d),
                returned == null ? null : blankToNull(returned.getCode()), returned == null ? null : blankToNull(returned.getDescription()),
                blankToNull(d.getResponseReasonDescription()));
    }

    /**
     * One transaction's state at Authorize.Net.
     *
     * @param returnCode  the first returned item's code ({@code R01}…), for {@code returnedItem}; else null
     * @param returnWords that item's description, else null
     * @param reason      the transaction's {@code responseReasonDescription}, if any
     */
    public record ECheckStatus(String transId, String status, boolean bank, String returnCode, String returnWords, String reason) {
    }

    private static boolean isBank(TransactionDetailsType d) {
        return d.getPayment() != null && d.getPayment().getBankAccount() != null;
    }

    /*
     * A refund's key (its id's 20-character form) is its invoice number, so a retry first looks for a refund made under
     * it and answers that one: Authorize.Net has no idempotency key. Its duplicate window catches a resend in between.
     * Authorize.Net refunds only a settled charge and wants its card's last four digits (or the account's), which the
     * charge's details give.
     */
    @Override
    public Result refund(long bid, UUID paymentGuid, UUID refundId, BigDecimal amount) {
        BigDecimal exact = amount(amount);
        Optional<TransactionSummaryType> earlier = find(bid, key(refundId));
        if (earlier.isPresent()) {
            TransactionDetailsType d = details(bid, earlier.get().getTransId());
            String status = d.getTransactionStatus() == null ? "" : d.getTransactionStatus();
            if (status.startsWith("refund")) {
                return new Result(Outcome.APPROVED, d.getTransId(), d.getTransId(), "Refunded (made earlier under this refund id)");
            }
            return new Result(Outcome.DECLINED, null, d.getTransId(), "Refund " + status + ": " + reason(d, status));
        }
        Optional<String> charge = transaction(bid, paymentGuid);
        if (charge.isEmpty()) {
            return new Result(Outcome.DECLINED, null, null, "Authorize.Net has no charge for payment " + paymentGuid);
        }
        TransactionDetailsType original = details(bid, charge.get());
        TransactionRequestType t = new TransactionRequestType();
        t.setTransactionType(TransactionTypeEnum.REFUND_TRANSACTION.value());
        t.setAmount(exact);
        t.setRefTransId(original.getTransId());
        t.setPayment(maskedPayment(original.getPayment()));
        t.setOrder(order(key(refundId), "Ratepayer refund " + refundId + " of payment " + paymentGuid));
        t.setTransactionSettings(settings());
        CreateTransactionRequest request = new CreateTransactionRequest();
        request.setRefId(key(refundId));
        request.setTransactionRequest(t);
        ANetApiResponse answer = call(bid, request, "refund " + refundId);
        TransactionResponse r = answer instanceof CreateTransactionResponse c ? c.getTransactionResponse() : null;
        if (r == null || r.getResponseCode() == null) {
            return new Result(Outcome.ERROR, null, null, "Processor error: " + text(answer));
        }
        String transId = blankToNull(r.getTransId());
        return switch (r.getResponseCode()) {
            case "1" -> new Result(Outcome.APPROVED, transId, transId, "Refunded");
            case "3" -> {
                if (errorCodes(r).contains("11")) {
                    throw new GatewayTimeoutException("Authorize.Net answered duplicate: the refund's first attempt is still unknown");
                }
                // 54: the charge has not settled yet (void it instead); 55: more than what is left of it
                yield new Result(Outcome.DECLINED, null, transId, "Refund refused: " + errors(r)
                        + (errorCodes(r).contains("54") ? " (not settled yet: void it instead)" : ""));
            }
            case "4" -> throw new GatewayTimeoutException("Authorize.Net holds the refund for review: outcome decided later");
            default -> new Result(Outcome.DECLINED, null, transId, "Refund refused: " + errors(r));
        };
    }

    /*
     * Authorize.Net voids only a transaction not yet settled (its batch closes once a day); a settled one answers
     * DECLINED "settled: refund instead", like every adapter. A charge already voided answers APPROVED again.
     */
    @Override
    public Result voidCharge(long bid, UUID paymentGuid) {
        Optional<String> charge = transaction(bid, paymentGuid);
        if (charge.isEmpty()) {
            return new Result(Outcome.DECLINED, null, null, "Authorize.Net has no charge for payment " + paymentGuid);
        }
        TransactionDetailsType d = details(bid, charge.get());
        String status = d.getTransactionStatus() == null ? "" : d.getTransactionStatus();
        if ("voided".equals(status)) {
            return new Result(Outcome.APPROVED, d.getTransId(), d.getTransId(), "Voided");
        }
        if (!"capturedPendingSettlement".equals(status) && !"authorizedPendingCapture".equals(status)
                && !"FDSPendingReview".equals(status) && !"FDSAuthorizedPendingReview".equals(status)) {
            return new Result(Outcome.DECLINED, null, d.getTransId(), "settled: refund instead");
        }
        TransactionRequestType t = new TransactionRequestType();
        t.setTransactionType(TransactionTypeEnum.VOID_TRANSACTION.value());
        t.setRefTransId(d.getTransId());
        CreateTransactionRequest request = new CreateTransactionRequest();
        request.setRefId(key(paymentGuid));
        request.setTransactionRequest(t);
        ANetApiResponse answer = call(bid, request, "void of payment " + paymentGuid);
        TransactionResponse r = answer instanceof CreateTransactionResponse c ? c.getTransactionResponse() : null;
        if (r != null && "1".equals(r.getResponseCode())) {
            return new Result(Outcome.APPROVED, d.getTransId(), d.getTransId(), "Voided");
        }
        return new Result(Outcome.DECLINED, null, d.getTransId(), "not voided: " + (r == null ? text(answer) : errors(r)));
    }

    /*
     * What Authorize.Net settled within the biller's business day: the batches whose settlement time falls after the
     * previous day's end and up to this day's, then each batch's transactions, page by page. Only charges settled
     * successfully count (refunds are refundSettledSuccessfully, declines are not funded). A transaction Ratepayer has no
     * payment for keeps a stable id made from its transaction id, so a rerun names it the same.
     */
    @Override
    public List<Settlement> settled(long bid, LocalDate day) {
        Instant from = days.end(bid, day.minusDays(1));
        Instant to = days.end(bid, day);
        List<Settlement> out = new ArrayList<>();
        for (BatchDetailsType batch : batches(bid, from, to)) {
            Instant at = batch.getSettlementTimeUTC() == null ? null : batch.getSettlementTimeUTC().toGregorianCalendar().toInstant();
            if (at == null || !at.isAfter(from) || at.isAfter(to)) {
                continue;
            }
            for (TransactionSummaryType t : transactions(bid, batch.getBatchId())) {
                if (!"settledSuccessfully".equals(t.getTransactionStatus()) || t.getSettleAmount() == null) {
                    continue;
                }
                String reference = t.getTransId();
                UUID guid = recorded.paymentOf(bid, reference)
                        .orElseGet(() -> UUID.nameUUIDFromBytes(("authorizenet:" + reference).getBytes(StandardCharsets.UTF_8)));
                out.add(new Settlement(guid, t.getSettleAmount(), reference));
            }
        }
        return out;
    }

    // ---- the lists

    private Optional<TransactionSummaryType> find(long bid, String key) {
        Optional<TransactionSummaryType> unsettled = unsettled(bid).stream().filter(t -> key.equals(t.getInvoiceNumber())).findFirst();
        if (unsettled.isPresent()) {
            return unsettled;
        }
        Instant now = clock.instant();
        for (BatchDetailsType batch : batches(bid, now.minus(java.time.Duration.ofDays(props.lookBack())), now)) {
            Optional<TransactionSummaryType> settled = transactions(bid, batch.getBatchId()).stream()
                    .filter(t -> key.equals(t.getInvoiceNumber())).findFirst();
            if (settled.isPresent()) {
                return settled;
            }
        }
        return Optional.empty();
    }

    private List<TransactionSummaryType> unsettled(long bid) {
        List<TransactionSummaryType> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            GetUnsettledTransactionListRequest request = new GetUnsettledTransactionListRequest();
            request.setSorting(sorting());
            request.setPaging(paging(page));
            ANetApiResponse answer = call(bid, request, "unsettled transaction list");
            if (!(answer instanceof GetUnsettledTransactionListResponse r) || !ok(r)) {
                throw refused(bid, "unsettled transaction list", answer);
            }
            List<TransactionSummaryType> got = r.getTransactions() == null ? List.of() : r.getTransactions().getTransaction();
            all.addAll(got);
            if (got.size() < PAGE) {
                return all;
            }
        }
    }

    private List<BatchDetailsType> batches(long bid, Instant from, Instant to) {
        GetSettledBatchListRequest request = new GetSettledBatchListRequest();
        request.setIncludeStatistics(false);
        request.setFirstSettlementDate(utc(from));
        request.setLastSettlementDate(utc(to));
        ANetApiResponse answer = call(bid, request, "settled batch list");
        if (!(answer instanceof GetSettledBatchListResponse r) || !ok(r)) {
            // I00004 "no records found" is an Ok answer with no list
            throw refused(bid, "settled batch list", answer);
        }
        return r.getBatchList() == null ? List.of() : r.getBatchList().getBatch();
    }

    private List<TransactionSummaryType> transactions(long bid, String batchId) {
        List<TransactionSummaryType> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            GetTransactionListRequest request = new GetTransactionListRequest();
            request.setBatchId(batchId);
            request.setSorting(sorting());
            request.setPaging(paging(page));
            ANetApiResponse answer = call(bid, request, "transaction list of batch " + batchId);
            if (!(answer instanceof GetTransactionListResponse r) || !ok(r)) {
                throw refused(bid, "transaction list of batch " + batchId, answer);
            }
            List<TransactionSummaryType> got = r.getTransactions() == null ? List.of() : r.getTransactions().getTransaction();
            all.addAll(got);
            if (got.size() < PAGE) {
                return all;
            }
        }
    }

    private TransactionDetailsType details(long bid, String transId) {
        GetTransactionDetailsRequest request = new GetTransactionDetailsRequest();
        request.setTransId(transId);
        ANetApiResponse answer = call(bid, request, "details of transaction " + transId);
        if (!(answer instanceof GetTransactionDetailsResponse r) || !ok(r) || r.getTransaction() == null) {
            throw refused(bid, "details of transaction " + transId, answer);
        }
        return r.getTransaction();
    }

    private Optional<String> transaction(long bid, UUID paymentGuid) {
        Optional<String> recorded = this.recorded.reference(bid, paymentGuid).filter(r -> r.chars().allMatch(Character::isDigit));
        return recorded.isPresent() ? recorded : find(bid, key(paymentGuid)).map(TransactionSummaryType::getTransId);
    }

    // ---- the wire

    /**
     * Posts one request with the biller's credentials. No answer in time, a lost connection after the request left,
     * a 5xx, or an answer that cannot be read: the outcome is unknown ({@link GatewayTimeoutException}), and the repair
     * job asks later. No connection at all: {@link GatewayUnavailableException}, nothing was sent.
     */
    private ANetApiResponse call(long bid, ANetApiRequest request, String what) {
        Credentials c = accounts.credentials(bid).orElseThrow(() -> new IllegalStateException("biller " + bid
                + " uses Authorize.Net (setting 1017) but has no API login id and transaction key (settings 1023, 1024)"));
        MerchantAuthenticationType auth = new MerchantAuthenticationType();
        auth.setName(c.loginId());
        auth.setTransactionKey(c.transactionKey());
        request.setMerchantAuthentication(auth);
        HttpRequest post = HttpRequest.newBuilder(URI.create(props.apiBase() + "/xml/v1/request.api"))
                .timeout(props.readTimeout())
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(marshal(request), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> answer;
        try {
            answer = http.send(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            log.warn("biller {}: Authorize.Net could not be reached for the {}: {}", bid, what, e.toString());
            throw new GatewayUnavailableException("Authorize.Net could not be reached", e);
        } catch (HttpTimeoutException e) {
            log.warn("biller {}: Authorize.Net did not answer the {} in time", bid, what);
            throw new GatewayTimeoutException("Authorize.Net did not answer in time");
        } catch (IOException e) {
            log.warn("biller {}: the answer to the {} was lost: {}", bid, what, e.toString());
            throw new GatewayTimeoutException("Authorize.Net's answer was lost: outcome unknown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayTimeoutException("interrupted while waiting for Authorize.Net: outcome unknown");
        }
        if (answer.statusCode() != 200) {
            log.warn("biller {}: Authorize.Net answered HTTP {} to the {}: outcome unknown", bid, answer.statusCode(), what);
            throw new GatewayTimeoutException("Authorize.Net answered " + answer.statusCode() + ": outcome unknown");
        }
        try {
            return unmarshal(answer.body());
        } catch (JAXBException | XMLStreamException | ClassCastException e) {
            log.warn("biller {}: Authorize.Net's answer to the {} cannot be read: outcome unknown", bid, what);
            throw new GatewayTimeoutException("Authorize.Net's answer cannot be read: outcome unknown");
        }
    }

    private String marshal(ANetApiRequest request) {
        try {
            StringWriter out = new StringWriter();
            Marshaller m = xml.createMarshaller();
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            m.marshal(request, out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("an Authorize.Net request cannot be written", e);
        }
    }

    private ANetApiResponse unmarshal(String body) throws JAXBException, XMLStreamException {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        XMLStreamReader reader = reading.createXMLStreamReader(new StringReader(text));
        try {
            return (ANetApiResponse) JAXBIntrospector.getValue(xml.createUnmarshaller().unmarshal(reader));
        } finally {
            reader.close();
        }
    }

    // ---- pieces

    /**
     * The 20-character form of a payment's or a refund's id, Authorize.Net's limit for {@code refId} and
     * {@code invoiceNumber}: its first 20 hex digits (80 bits, 78 of them random), what an operator types into the
     * Merchant Interface's search too.
     */
    static String key(UUID id) {
        return id.toString().replace("-", "").substring(0, 20);
    }

    /** Dollars and cents, exactly: a fraction of a cent is a bug upstream, never rounded away here. */
    static BigDecimal amount(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("an Authorize.Net amount must be more than zero");
        }
        try {
            return amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("an Authorize.Net amount is whole cents; " + amount.toPlainString() + " is not", e);
        }
    }

    private static OrderType order(String invoiceNumber, String description) {
        OrderType order = new OrderType();
        order.setInvoiceNumber(invoiceNumber);
        order.setDescription(description);
        return order;
    }

    private ArrayOfSetting settings() {
        SettingType window = new SettingType();
        window.setSettingName(SettingNameEnum.DUPLICATE_WINDOW.value());
        window.setSettingValue(Long.toString(props.duplicateWindow().toSeconds()));
        ArrayOfSetting settings = new ArrayOfSetting();
        settings.getSetting().add(window);
        return settings;
    }

    private static TransactionListSorting sorting() {
        TransactionListSorting s = new TransactionListSorting();
        s.setOrderBy(TransactionListOrderFieldEnum.SUBMIT_TIME_UTC);
        s.setOrderDescending(true);
        return s;
    }

    private static Paging paging(int page) {
        Paging p = new Paging();
        p.setLimit(PAGE);
        p.setOffset(page);
        return p;
    }

    private XMLGregorianCalendar utc(Instant at) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(at.toEpochMilli());
        XMLGregorianCalendar x = dates.newXMLGregorianCalendar(c);
        x.setMillisecond(javax.xml.datatype.DatatypeConstants.FIELD_UNDEFINED);
        return x;
    }

    /** {@code anet-profile:<customerProfileId>/<paymentProfileId>} as the charge's profile, or null when malformed. */
    private static CustomerProfilePaymentType profilePayment(String token) {
        String[] ids = token.substring(PROFILE.length()).split("/", -1);
        if (ids.length != 2 || !ids[0].matches("\\d{1,20}") || !ids[1].matches("\\d{1,20}")) {
            return null;
        }
        PaymentProfile pp = new PaymentProfile();
        pp.setPaymentProfileId(ids[1]);
        CustomerProfilePaymentType profile = new CustomerProfilePaymentType();
        profile.setCustomerProfileId(ids[0]);
        profile.setPaymentProfile(pp);
        return profile;
    }

    /** The charge's card or account as a refund wants it: last four digits, expiry {@code XXXX}. */
    private static PaymentType maskedPayment(PaymentMaskedType masked) {
        PaymentType payment = new PaymentType();
        if (masked != null && masked.getBankAccount() != null) {
            BankAccountMaskedType m = masked.getBankAccount();
            BankAccountType b = new BankAccountType();
            b.setAccountType(m.getAccountType());
            b.setRoutingNumber(last4(m.getRoutingNumber()));
            b.setAccountNumber(last4(m.getAccountNumber()));
            b.setNameOnAccount(m.getNameOnAccount());
            b.setEcheckType(m.getEcheckType());
            payment.setBankAccount(b);
        } else {
            CreditCardType cc = new CreditCardType();
            cc.setCardNumber(masked == null || masked.getCreditCard() == null ? null : last4(masked.getCreditCard().getCardNumber()));
            cc.setExpirationDate("XXXX");
            payment.setCreditCard(cc);
        }
        return payment;
    }

    private static boolean ok(ANetApiResponse r) {
        return r.getMessages() != null && r.getMessages().getResultCode() == MessageTypeEnum.OK;
    }

    private static String codes(ANetApiResponse r) {
        if (r == null || r.getMessages() == null) {
            return "";
        }
        return r.getMessages().getMessage().stream().map(MessagesType.Message::getCode).collect(Collectors.joining(","));
    }

    private static String text(ANetApiResponse r) {
        if (r == null || r.getMessages() == null || r.getMessages().getMessage().isEmpty()) {
            return "no message";
        }
        return r.getMessages().getMessage().stream().map(m -> m.getCode() + " " + m.getText()).collect(Collectors.joining("; "));
    }

    private static List<String> errorCodes(TransactionResponse t) {
        return t.getErrors() == null ? List.of()
                : t.getErrors().getError().stream().map(TransactionResponse.Errors.Error::getErrorCode).toList();
    }

    /** {@code 2: This transaction has been declined.}; Authorize.Net's texts never hold a card number. */
    private static String errors(TransactionResponse t) {
        if (t.getErrors() == null || t.getErrors().getError().isEmpty()) {
            return t.getMessages() == null || t.getMessages().getMessage().isEmpty() ? "response code " + t.getResponseCode()
                    : t.getMessages().getMessage().get(0).getDescription();
        }
        return t.getErrors().getError().stream().map(e -> e.getErrorCode() + ": " + e.getErrorText()).collect(Collectors.joining("; "));
    }

    private static String reason(TransactionDetailsType d, String status) {
        return d.getResponseReasonDescription() == null ? status : d.getResponseReasonDescription();
    }

    private RuntimeException refused(long bid, String what, ANetApiResponse answer) {
        log.error("biller {}: Authorize.Net refused the {}: {}", bid, what, codes(answer));
        return new AuthorizeNetRefusedException("Authorize.Net refused the " + what + ": " + text(answer));
    }

    private static String last4(String masked) {
        if (masked == null) {
            return null;
        }
        String digits = masked.replaceAll("\\D", "");
        return digits.length() <= 4 ? digits : digits.substring(digits.length() - 4);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String brand(String cardType) {
        if (cardType == null) {
            return null;
        }
        return switch (cardType.toLowerCase(Locale.ROOT)) {
            case "visa" -> "VISA";
            case "mastercard" -> "MASTERCARD";
            case "americanexpress", "american express", "amex" -> "AMEX";
            case "discover" -> "DISCOVER";
            default -> cardType.toUpperCase(Locale.ROOT);
        };
    }

    /** An Accept.js nonce token, as the page's driver builds it from Accept.js's answer (docs/processors.md). */
    record Nonce(Method method, String brand, String last4, String value) {
        static Optional<Nonce> parse(String token) {
            if (token == null || !token.startsWith(NONCE)) {
                return Optional.empty();
            }
            String[] parts = token.substring(NONCE.length()).split(":", 4);
            if (parts.length != 4 || !parts[2].matches("\\d{4}") || !parts[1].matches("[A-Z_]{1,20}") || parts[3].isBlank()) {
                return Optional.empty();
            }
            Method method = switch (parts[0]) {
                case "CARD" -> Method.CARD;
                case "BANK" -> Method.ACH;
                default -> null;
            };
            return method == null ? Optional.empty() : Optional.of(new Nonce(method, parts[1], parts[2], parts[3]));
        }

        @Override
        public String toString() {
            return "Nonce[" + method + " " + brand + " ****" + last4 + "]";
        }
    }

    /** Authorize.Net refused a call outright (an API error such as bad credentials): nothing was processed. */
    public static final class AuthorizeNetRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AuthorizeNetRefusedException(String message) {
            super(message);
        }
    }
}
