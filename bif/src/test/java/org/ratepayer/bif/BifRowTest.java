package org.ratepayer.bif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BifRowTest {

    private final BifRow row = BifRow.of(7, RowType.IH, Map.of(FileSpecIds.TOTAL_AMOUNT_DUE, " -12.5 ",
            FileSpecIds.INVOICE_DATE, "02/29/2024", FileSpecIds.ALLOW_PARTIAL_PAYMENTS, "true",
            FileSpecIds.INVOICE_TYPE_ID, "42", FileSpecIds.CUSTOM1, "   ", FileSpecIds.CUSTOM2, "1001"));

    @Test
    void typedGetters() {
        assertThat(row.line()).isEqualTo(7);
        assertThat(row.type()).isEqualTo(RowType.IH);
        assertThat(row.get(FileSpecIds.IH_ROW_TYPE)).isEqualTo("IH");
        assertThat(row.get(FileSpecIds.TOTAL_AMOUNT_DUE)).isEqualTo("-12.5");
        assertThat(row.amount(FileSpecIds.TOTAL_AMOUNT_DUE)).isEqualTo(new BigDecimal("-12.50"));
        assertThat(row.date(FileSpecIds.INVOICE_DATE)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(row.dateTime(FileSpecIds.INVOICE_DATE)).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(row.flag(FileSpecIds.ALLOW_PARTIAL_PAYMENTS)).isTrue();
        assertThat(row.integer(FileSpecIds.INVOICE_TYPE_ID)).isEqualTo(42L);
    }

    @Test
    void emptyAndAbsentFieldsAreNull() {
        assertThat(row.get(FileSpecIds.CUSTOM1)).isNull();
        assertThat(row.get(FileSpecIds.PAST_DUE)).isNull();
        assertThat(row.amount(FileSpecIds.PAST_DUE)).isNull();
        assertThat(row.date(FileSpecIds.INVOICE_DUE_DATE)).isNull();
        assertThat(row.dateTime(FileSpecIds.INVOICE_DUE_DATE)).isNull();
        assertThat(row.flag(FileSpecIds.BLOCK_PAYMENTS_CC)).isNull();
        assertThat(row.integer(FileSpecIds.INVOICE_COUNT)).isNull();
        assertThat(row.values()).containsOnlyKeys(7, 13, 11, 2001, 2010, 39);
    }

    @Test
    void gettersRejectTextTheyCannotConvert() {
        assertThatThrownBy(() -> row.date(FileSpecIds.CUSTOM2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FileSpecId 39: \"1001\" is not a date (MM/dd/yyyy)");
        assertThatThrownBy(() -> row.flag(FileSpecIds.CUSTOM2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> row.amount(FileSpecIds.INVOICE_DATE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityIgnoresColumnOrderAndEmptyValues() {
        Map<Integer, String> values = new HashMap<>(Map.of(FileSpecIds.ACCOUNT_NUMBER, "1001-1"));
        BifRow a = BifRow.of(3, RowType.CR, values);
        values.put(FileSpecIds.ADDRESS2, "");
        values.put(FileSpecIds.CR_ROW_TYPE, "CR");
        BifRow b = BifRow.of(3, RowType.CR, values);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(BifRow.of(4, RowType.CR, values));
        assertThat(a.toString()).isEqualTo("BifRow[line 3, {58=CR, 59=1001-1}]");
    }

    @Test
    void rowTypeValueMustMatch() {
        assertThatThrownBy(() -> BifRow.of(1, RowType.CR, Map.of(FileSpecIds.CR_ROW_TYPE, "IH")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invoiceRowsMustHaveTheirTypes() {
        BifRow cr = BifRow.of(2, RowType.CR, Map.of());
        assertThatThrownBy(() -> new BifInvoice(1, cr, cr, java.util.List.of()))
                .hasMessage("expected an IH row, got CR");
    }
}
