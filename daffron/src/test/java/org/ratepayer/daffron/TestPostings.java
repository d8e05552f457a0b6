package org.ratepayer.daffron;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.ratepayer.cis.CisBiller;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.cis.CisPosting.Tender;

/** Postings and billers of the seed's samples (seed 002, "Data Pump"). */
final class TestPostings {

    static final UUID SEED_PAYMENT_GUID = UUID.fromString("e4deba7f-86e7-4850-8226-d6a2fbfb0ab6");
    static final String SEED_APPROVAL = "A01 - Approved (EXACT MATCH)";
    static final OffsetDateTime SEED_LOG_TIME = OffsetDateTime.parse("2020-08-06T00:01:32-05:00");
    static final String PAYMENT_GUID_131 = "{\"Daffron\":{\"DataPumpConfigs\":{\"TransactionIdSource\":\"PaymentGuid\"}}}";

    private TestPostings() {
    }

    /** The seed's card payment: account 35909001, 232.10 paid on the payment page. */
    static CisPosting.Payment seedPayment() {
        return payment("35909001", Tender.CARD, "232.10", 0);
    }

    static CisPosting.Payment payment(String account, Tender tender, String amount, int paymentSourceId) {
        return new CisPosting.Payment(UUID.randomUUID(), account, SEED_PAYMENT_GUID, tender, new BigDecimal(amount),
                SEED_APPROVAL, paymentSourceId, null, false);
    }

    /** A payment of its own: fresh GUID, and an approval code as unique as the GUID. */
    static CisPosting.Payment uniquePayment(String account, String amount) {
        UUID guid = UUID.randomUUID();
        return new CisPosting.Payment(UUID.randomUUID(), account, guid, Tender.CARD, new BigDecimal(amount),
                "A01 - Approved " + guid, 0, null, false);
    }

    static CisPosting.Payment kioskCash(String kioskId) {
        return new CisPosting.Payment(UUID.randomUUID(), "1001", SEED_PAYMENT_GUID, Tender.CASH,
                new BigDecimal("20.00"), SEED_APPROVAL, 4, kioskId, false);
    }

    static CisPosting.Payment donation() {
        return new CisPosting.Payment(UUID.randomUUID(), "1001", UUID.randomUUID(), Tender.CARD,
                new BigDecimal("5.00"), SEED_APPROVAL, 0, null, true);
    }

    static CisPosting.Paperless paperless(String account, boolean enrolled) {
        return new CisPosting.Paperless(UUID.randomUUID(), account, enrolled);
    }

    static CisPosting.Autopay autopay(String account, String location, boolean enrolled, OffsetDateTime at) {
        return new CisPosting.Autopay(UUID.randomUUID(), account, location, enrolled, at);
    }

    /** The seed's scheduled payment: 156.25 on 08/15/2024 for invoice 121940013401. */
    static CisPosting.ScheduledPayment scheduled(CisPosting.ScheduledPayment.Change change, String amount,
                                                 String invoiceNumber) {
        return new CisPosting.ScheduledPayment(UUID.randomUUID(), "1001", "321045080002", change,
                LocalDate.of(2024, 8, 15), new BigDecimal(amount), invoiceNumber, SEED_LOG_TIME);
    }

    /**
     * The seed's co-op: its sample logTime is -05:00 in August, Central daylight time, so its messages
     * come out exactly as the seed shows them.
     */
    static final ZoneId SEED_ZONE = ZoneId.of("America/Chicago");

    static CisBiller biller(Map<Integer, String> settings) {
        return biller(settings, SEED_ZONE);
    }

    static CisBiller biller(Map<Integer, String> settings, ZoneId zone) {
        return new CisBiller(2661, settings, Map.of(), Duration.ofSeconds(5), zone);
    }

    /** A biller whose three data pump endpoints are {@code url}, plus {@code extra} settings. */
    static CisBiller biller(String url, String user, String password, Map<Integer, String> extra) {
        Map<Integer, String> settings = new HashMap<>(extra);
        for (int base : new int[] {DaffronSettings.PAYMENT_URL, DaffronSettings.PAPERLESS_URL,
                DaffronSettings.AUTOPAY_URL}) {
            settings.put(base, url);
            settings.put(base + 1, user);
            settings.put(base + 2, password);
        }
        return biller(settings);
    }

    static CisBiller biller(String url, String user, String password, Duration timeout) {
        CisBiller plain = biller(url, user, password, Map.of());
        return new CisBiller(plain.bid(), plain.settings(), Map.of(), timeout, plain.timeZone());
    }
}
