package org.ratepayer.cissim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The ledger at benchmark volume: every posting and every repeat is O(1), and nothing is posted twice. */
class PostingLedgerTest {

    private static final int PAYMENTS = 200_000;

    @Test
    void twoHundredThousandPaymentsAndTheirRepeatsArePostedOnceEach() {
        PostingLedger ledger = new PostingLedger(Clock.systemUTC());
        BigDecimal amount = new BigDecimal("12.34");
        List<Extension> extensions = List.of(new Extension("transactionId", "x", null));

        long start = System.nanoTime();
        // two passes from two threads: the second pass of each id is a duplicate, whichever thread comes first
        IntStream.range(0, 2 * PAYMENTS).parallel().forEach(i -> {
            String id = "tx-" + (i % PAYMENTS);
            ledger.postPayment("acct-" + (i % 5_000), "creditCardPayment", amount, "A01", "WEB", extensions, id);
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(ledger.counts()).isEqualTo(new PostingCounts(PAYMENTS, 2L * PAYMENTS, PAYMENTS, 0, 0, 0));
        List<PaymentPosting> postings = ledger.snapshot().payments();
        assertThat(postings).hasSize(PAYMENTS).allSatisfy(p -> assertThat(p.arrivals()).isEqualTo(2));
        assertThat(postings.get(0).receipt()).isEqualTo("TBX00000001");
        // generous: measured well under a second on a 2-core host; a per-posting O(n) step would take minutes
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void receiptsKeepEightDigitsAndGrowBeyond() {
        PostingLedger ledger = new PostingLedger(Clock.systemUTC());
        PostingLedger.PaymentOutcome first = ledger.postPayment("1", "cashPayment", BigDecimal.ONE, null, "POS",
                List.of(), null);
        assertThat(first.posting().receipt()).isEqualTo("TBX00000001");
        assertThat(first.duplicate()).isFalse();
        assertThat(ledger.postPayment("1", "cashPayment", BigDecimal.ONE, null, "POS", List.of(), null).duplicate())
                .as("without transactionId nothing is recognised again").isFalse();
    }
}
