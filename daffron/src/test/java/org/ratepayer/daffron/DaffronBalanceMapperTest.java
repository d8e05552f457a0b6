package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.LiveBalance;
import org.ratepayer.multispeak.v3.AllowableTransactionTypes;
import org.ratepayer.multispeak.v3.ExtensionsItem;
import org.ratepayer.multispeak.v3.ExtensionsList;
import org.ratepayer.multispeak.v3.PayableItem;
import org.ratepayer.multispeak.v3.PayableItemList;

class DaffronBalanceMapperTest {

    private final DaffronBalanceMapper mapper = new DaffronBalanceMapper();

    private static PayableItem item(String current, String pastDue) {
        PayableItem i = new PayableItem();
        i.setCurrentAmount(current == null ? null : new BigDecimal(current));
        i.setPastDueAmount(pastDue == null ? null : new BigDecimal(pastDue));
        return i;
    }

    private static PayableItem withExtensions(PayableItem item, String... nameValueType) {
        ExtensionsList list = new ExtensionsList();
        for (int i = 0; i < nameValueType.length; i += 3) {
            ExtensionsItem e = new ExtensionsItem();
            e.setExtName(nameValueType[i]);
            e.setExtValue(nameValueType[i + 1]);
            e.setExtType(nameValueType[i + 2]);
            list.getExtensionsItem().add(e);
        }
        item.setExtensionsList(list);
        return item;
    }

    private static PayableItemList list(PayableItem... items) {
        PayableItemList l = new PayableItemList();
        for (PayableItem i : items) {
            l.getPayableItem().add(i);
        }
        return l;
    }

    @Test
    void sumsEveryServiceWithoutExclusions() {
        LiveBalance b = mapper.map("1001-1", list(item("100.07", "20.00"), item("34.50", "0.50"), item(null, null)));
        assertThat(b.balanceDue()).isEqualByComparingTo("134.57");
        assertThat(b.pastDue()).isEqualByComparingTo("20.50");
        assertThat(b.prepaid()).isNull();
        assertThat(b.blockAch()).isFalse();
        assertThat(b.blockCc()).isFalse();
    }

    @Test
    void noItemsIsAZeroBalance() {
        LiveBalance b = mapper.map("1001-1", list());
        assertThat(b.balanceDue()).isEqualByComparingTo("0");
        assertThat(mapper.map("1001-1", null).pastDue()).isEqualByComparingTo("0");
    }

    @Test
    void aNegativeSumIsACredit() {
        assertThat(mapper.map("1", list(item("-15.5", "0"))).balanceDue()).isEqualByComparingTo("-15.5");
    }

    @Test
    void prepaidRemainingBalanceWinsOverTheSum() {
        LiveBalance b = mapper.map("1", list(item("50.00", "0"),
                withExtensions(item("10.00", "1.00"), "remainingBalance", "4.93", "decimal", "remainingDays", "1", "decimal")));
        assertThat(b.balanceDue()).isEqualByComparingTo("4.93");
        assertThat(b.pastDue()).isEqualByComparingTo("1.00");
        assertThat(b.prepaid().remainingBalance()).isEqualByComparingTo("4.93");
        assertThat(b.prepaid().remainingDays()).isEqualByComparingTo("1");
    }

    @Test
    void cashOnlyBlocksAchAndPreventCreditCardBlocksCards() {
        PayableItemList l = list(withExtensions(item("1", "0"), "preventCreditCard", "Y", "string"));
        AllowableTransactionTypes types = new AllowableTransactionTypes();
        types.getTransactionType().add("Check");
        types.getTransactionType().add(" cash only ");
        l.setAllowableTransactionTypes(types);
        LiveBalance b = mapper.map("1", l);
        assertThat(b.blockAch()).isTrue();
        assertThat(b.blockCc()).isTrue();

        assertThat(mapper.map("1", list(withExtensions(item("1", "0"), "preventCreditCard", "N", "string"))).blockCc()).isFalse();
    }

    @Test
    void aListOfAllowedTypesBlocksWhatItDoesNotName() {
        PayableItemList l = list(item("1", "0"));
        AllowableTransactionTypes types = new AllowableTransactionTypes();
        types.getTransactionType().add("Credit Card");
        l.setAllowableTransactionTypes(types);
        LiveBalance b = mapper.map("1", l);
        assertThat(b.blockAch()).isTrue();
        assertThat(b.blockCc()).isFalse();
    }

    @Test
    void aNonNumericPrepaidValueIsAMalformedAnswer() {
        assertThatThrownBy(() -> mapper.map("1001-1", list(withExtensions(item("1", "0"), "remainingBalance", "lots", "decimal"))))
                .isInstanceOf(CisException.class)
                .hasMessage("GetPayableItemsList for account 1001-1: extension remainingBalance is not a number: 'lots'")
                .extracting(e -> ((CisException) e).kind()).isEqualTo(CisException.Kind.MALFORMED);
    }
}
