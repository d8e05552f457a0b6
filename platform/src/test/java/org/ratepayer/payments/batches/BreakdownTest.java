package org.ratepayer.payments.batches;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;

class BreakdownTest {

    private static Breakdown.Cell cell(Method m, Channel c, long n, String amount, String fee) {
        return new Breakdown.Cell(m, c, new Totals(n, new BigDecimal(amount), new BigDecimal(fee)));
    }

    @Test
    void addsTheCellsUpPerMethodPerChannelAndOverall() {
        Breakdown d = Breakdown.of(List.of(
                cell(Method.CARD, Channel.IVR, 2, "100.10", "3.90"),
                cell(Method.ACH, Channel.KIOSK, 1, "30.00", "0.50"),
                cell(Method.CARD, Channel.POS, 1, "0.01", "1.95"),
                cell(Method.ACH, Channel.IVR, 3, "999999999999.99", "0.00")));

        assertThat(d.total()).isEqualTo(new Totals(7, new BigDecimal("1000000000130.10"), new BigDecimal("6.35")));
        assertThat(d.byMethod()).containsExactly(
                entry(Method.CARD, new Totals(3, new BigDecimal("100.11"), new BigDecimal("5.85"))),
                entry(Method.ACH, new Totals(4, new BigDecimal("1000000000029.99"), new BigDecimal("0.50"))));
        assertThat(d.byChannel()).containsExactly(
                entry(Channel.IVR, new Totals(5, new BigDecimal("1000000000100.09"), new BigDecimal("3.90"))),
                entry(Channel.KIOSK, new Totals(1, new BigDecimal("30.00"), new BigDecimal("0.50"))),
                entry(Channel.POS, new Totals(1, new BigDecimal("0.01"), new BigDecimal("1.95"))));
    }

    @Test
    void eachViewAddsUpToTheGrandTotal() {
        Breakdown d = Breakdown.of(List.of(
                cell(Method.CARD, Channel.WEB, 4, "12.34", "0.99"),
                cell(Method.CARD, Channel.CSRWEB, 1, "5.00", "0.00"),
                cell(Method.ACH, Channel.WEB, 2, "7.66", "0.01")));
        assertThat(d.byMethod().values().stream().reduce(Totals.NONE, Totals::plus)).isEqualTo(d.total());
        assertThat(d.byChannel().values().stream().reduce(Totals.NONE, Totals::plus)).isEqualTo(d.total());
    }

    @Test
    void anEmptyBatchIsZeroWithCentsAndNoRows() {
        Breakdown d = Breakdown.of(List.of());
        assertThat(d.total().count()).isZero();
        assertThat(d.total().amount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(d.total().fee()).isEqualTo(new BigDecimal("0.00"));
        assertThat(d.byMethod()).isEmpty();
        assertThat(d.byChannel()).isEmpty();
    }

    private static <K, V> java.util.Map.Entry<K, V> entry(K k, V v) {
        return java.util.Map.entry(k, v);
    }
}
