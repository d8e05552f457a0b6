package org.ratepayer.cissim;

import org.ratepayer.multispeak.v3.AllowableTransactionTypes;
import org.ratepayer.multispeak.v3.ExtensionsList;
import org.ratepayer.multispeak.v3.PayableItem;
import org.ratepayer.multispeak.v3.PayableItemList;

/**
 * The GetPayableItemsList answer for an account. The account-level extensions (prepaid balance,
 * card block) travel on the first payable item, the only place the schema has for them; an
 * account without items answers one item carrying just those extensions.
 */
final class PayableItemsAnswer {

    static final String DECIMAL = "decimal";
    static final String STRING = "string";

    private final WireValues wire;

    PayableItemsAnswer(WireValues wire) {
        this.wire = wire;
    }

    PayableItemList of(CisAccount account) {
        PayableItemList list = new PayableItemList();
        for (PayableCharge charge : account.payableItems()) {
            list.getPayableItem().add(item(charge));
        }
        ExtensionsList accountExtensions = accountExtensions(account);
        if (!accountExtensions.getExtensionsItem().isEmpty()) {
            if (list.getPayableItem().isEmpty()) {
                list.getPayableItem().add(new PayableItem());
            }
            list.getPayableItem().get(0).setExtensionsList(accountExtensions);
        }
        if (!account.allowableTransactionTypes().isEmpty()) {
            AllowableTransactionTypes types = new AllowableTransactionTypes();
            types.getTransactionType().addAll(account.allowableTransactionTypes());
            list.setAllowableTransactionTypes(types);
        }
        return list;
    }

    private PayableItem item(PayableCharge charge) {
        PayableItem item = new PayableItem();
        item.setPastDueAmount(charge.pastDueAmount());
        item.setCurrentAmount(charge.currentAmount());
        item.setDescription(charge.description());
        item.setChargeCode(charge.chargeCode());
        item.setDueDate(wire.midnight(charge.dueDate()));
        item.setDisconnectDate(wire.midnight(charge.disconnectDate()));
        item.setLastPaymentAmount(charge.lastPaymentAmount());
        item.setLastPaymentDate(wire.midnight(charge.lastPaymentDate()));
        return item;
    }

    private static ExtensionsList accountExtensions(CisAccount account) {
        ExtensionsList extensions = new ExtensionsList();
        if (account.remainingBalance() != null) {
            extensions.getExtensionsItem().add(WireValues.item("remainingBalance",
                    account.remainingBalance().toPlainString(), DECIMAL));
        }
        if (account.remainingDays() != null) {
            extensions.getExtensionsItem().add(WireValues.item("remainingDays",
                    account.remainingDays().toPlainString(), DECIMAL));
        }
        if (account.preventCreditCard()) {
            extensions.getExtensionsItem().add(WireValues.item("preventCreditCard", "Y", STRING));
        }
        return extensions;
    }
}
