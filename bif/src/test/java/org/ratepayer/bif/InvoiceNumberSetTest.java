package org.ratepayer.bif;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvoiceNumberSetTest {

    @Test
    void remembersTheFirstLineAcrossGrowth() {
        InvoiceNumberSet set = new InvoiceNumberSet();
        for (int i = 0; i < 200_000; i++) {
            assertThat(set.addOrFirstLine("INV" + i, i + 2L)).isEqualTo(InvoiceNumberSet.ADDED);
        }
        assertThat(set.size()).isEqualTo(200_000);
        for (int i = 0; i < 200_000; i += 997) {
            assertThat(set.addOrFirstLine("INV" + i, 999_999)).isEqualTo(i + 2L);
        }
        assertThat(set.addOrFirstLine("inv1", 5)).isEqualTo(InvoiceNumberSet.ADDED);
        assertThat(set.addOrFirstLine("INV1 ", 5)).isEqualTo(InvoiceNumberSet.ADDED);
    }

    @Test
    void linesBeyondFourBillionAreNotStored() {
        InvoiceNumberSet set = new InvoiceNumberSet();
        set.addOrFirstLine("A", 5_000_000_000L);
        assertThat(set.addOrFirstLine("A", 5_000_000_001L)).isEqualTo(InvoiceNumberSet.LINE_UNKNOWN);
    }

    @Test
    void similarNumbersDoNotCollide() {
        InvoiceNumberSet set = new InvoiceNumberSet();
        for (long i = 0; i < 300_000; i++) {
            String number = Long.toString(100_000_000_000L + i * 7919);
            assertThat(set.addOrFirstLine(number, i + 1)).isEqualTo(InvoiceNumberSet.ADDED);
        }
    }
}
