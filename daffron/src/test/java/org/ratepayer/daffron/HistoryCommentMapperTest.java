package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.cis.CisPosting.ScheduledPayment.Change;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.multispeak.v3.HistoryComment;

class HistoryCommentMapperTest {

    private final HistoryCommentMapper mapper = new HistoryCommentMapper(TestPostings.SEED_ZONE);

    private static HistoryComment sent(Mapped<HistoryComment> mapped) {
        assertThat(mapped).isInstanceOf(Mapped.Send.class);
        return ((Mapped.Send<HistoryComment>) mapped).message();
    }

    @Test
    void autopayOnAndOff() {
        HistoryComment on = sent(mapper.map(TestPostings.autopay("1001", "321045080002", true,
                TestPostings.SEED_LOG_TIME)));
        HistoryComment off = sent(mapper.map(TestPostings.autopay("1001", null, false, TestPostings.SEED_LOG_TIME)));

        assertThat(on.getCustomerID()).isEqualTo("1001");
        assertThat(on.getServiceLocationID()).isEqualTo("321045080002");
        assertThat(on.getLogTime()).isEqualTo("2020-08-06T00:01:32-05:00");
        assertThat(on.getComment()).isEqualTo("AUTOPAY ON");
        assertThat(off.getComment()).isEqualTo("AUTOPAY OFF");
        assertThat(off.getServiceLocationID()).as("INT-8007: always sent").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"2020-08-06T00:01:32.987654321-05:00, America/Chicago, 2020-08-06T00:01:32-05:00",
            "2026-12-04T19:19:39Z, America/New_York, 2026-12-04T14:19:39-05:00",
            "2026-07-04T18:19:39Z, America/New_York, 2026-07-04T14:19:39-04:00",
            "2026-12-04T14:19:39-05:00, UTC, 2026-12-04T19:19:39+00:00",
            "2024-01-23T17:05:09+05:30, Asia/Kolkata, 2024-01-23T17:05:09+05:30"})
    void logTimeIsTheBillersWallClockWithSecondsAndANumericOffset(String at, String billerZone, String wire) {
        assertThat(LogTimes.text(OffsetDateTime.parse(at), ZoneId.of(billerZone))).isEqualTo(wire);
        HistoryComment sent = sent(new HistoryCommentMapper(ZoneId.of(billerZone))
                .map(TestPostings.autopay("1001", "", true, OffsetDateTime.parse(at))));
        assertThat(sent.getLogTime()).isEqualTo(wire);
    }

    @ParameterizedTest
    @CsvSource({"CREATED, 156.25, SCHED_PAY 08152024 156.25 121940013401",
            "UPDATED, 156.2, SCHED_PAY_UPDT 08152024 156.20 121940013401",
            "CANCELLED, 15075.25, SCHED_PAY_CNCL 08152024 15075.25 121940013401",
            "CREATED, 7, SCHED_PAY 08152024 7.00 121940013401"})
    void scheduledPaymentComments(Change change, String amount, String comment) {
        HistoryComment sent = sent(mapper.map(TestPostings.scheduled(change, amount, "121940013401")));

        assertThat(sent.getComment()).isEqualTo(comment);
        assertThat(sent.getCustomerID()).isEqualTo("1001");
        assertThat(sent.getServiceLocationID()).isEqualTo("321045080002");
    }

    @Test
    void aCommentOver70CharactersIsNeverCutButFails() {
        String invoice70 = "9".repeat(70 - "SCHED_PAY_UPDT 08152024 156.25 ".length());
        assertThat(mapper.map(TestPostings.scheduled(Change.UPDATED, "156.25", invoice70)))
                .isInstanceOf(Mapped.Send.class);

        Mapped<HistoryComment> tooLong = mapper.map(TestPostings.scheduled(Change.UPDATED, "156.25", invoice70 + "9"));

        assertThat(tooLong).isInstanceOfSatisfying(Mapped.Settled.class, s -> {
            assertThat(s.status()).isEqualTo(PostingResult.Status.FAILED);
            assertThat(s.reason()).contains("71 characters", "at most 70");
        });
    }

    @Test
    void aScheduledPaymentNeedsAnInvoiceNumberAndWholeCents() {
        assertThat(mapper.map(TestPostings.scheduled(Change.CREATED, "156.25", "")))
                .isInstanceOfSatisfying(Mapped.Settled.class, s -> assertThat(s.reason()).contains("invoice number"));
        assertThat(mapper.map(TestPostings.scheduled(Change.CREATED, "156.255", "121940013401")))
                .isInstanceOfSatisfying(Mapped.Settled.class, s -> assertThat(s.reason()).contains("156.255"));
    }
}
