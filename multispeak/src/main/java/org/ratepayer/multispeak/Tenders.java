package org.ratepayer.multispeak;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.ratepayer.multispeak.v3.AchPayment;
import org.ratepayer.multispeak.v3.CashPayment;
import org.ratepayer.multispeak.v3.CreditCardPayment;
import org.ratepayer.multispeak.v3.ECheckPayment;
import org.ratepayer.multispeak.v3.ExtensionsItem;
import org.ratepayer.multispeak.v3.PaymentTransaction;
import org.ratepayer.multispeak.v3.ResponseCode;
import org.ratepayer.multispeak.v3.Tender;

/**
 * Reading tenders in CommitPaymentTransaction messages, whichever of the four payment kinds holds them.
 *
 * <p><b>Duplicates.</b> A CIS recognises a payment it already posted by the {@code transactionId}
 * tender extension and refuses to post it again. Ratepayer's CIS simulator answers such a tender
 * with {@code responseCode} {@code Failure}, an {@code errorString} starting with
 * {@value #DUPLICATE_ERROR_PREFIX} and the extension {@value #DUPLICATE_EXTENSION} = {@code Y};
 * {@link #isDuplicate} recognises either sign. For a client delivering at least once, a duplicate
 * means "already posted", i.e. delivered.
 */
public final class Tenders {

    /** The tender extension carrying the payment's stable id, by which the CIS deduplicates. */
    public static final String TRANSACTION_ID = "transactionId";
    public static final String DUPLICATE_EXTENSION = "duplicateTransaction";
    public static final String DUPLICATE_ERROR_PREFIX = "Duplicate transactionId";

    private Tenders() {
    }

    /** Every tender of a transaction, in wire order: credit card, eCheck, ACH, cash. */
    public static Stream<Tender> of(PaymentTransaction transaction) {
        return Stream.of(
                transaction.getCreditCardPayment().stream().map(CreditCardPayment::getTender),
                transaction.getECheckPayment().stream().map(ECheckPayment::getTender),
                transaction.getAchPayment().stream().map(AchPayment::getTender),
                transaction.getCashPayment().stream().map(CashPayment::getTender))
                .flatMap(s -> s)
                .filter(Objects::nonNull);
    }

    /** The value of the named extension on a tender, if present. */
    public static Optional<String> extension(Tender tender, String name) {
        if (tender.getExtensionsList() == null) {
            return Optional.empty();
        }
        return tender.getExtensionsList().getExtensionsItem().stream()
                .filter(item -> item != null && name.equals(item.getExtName()))
                .map(ExtensionsItem::getExtValue)
                .findFirst();
    }

    public static Optional<String> transactionId(Tender tender) {
        return extension(tender, TRANSACTION_ID);
    }

    public static boolean isSuccess(Tender tender) {
        return tender.getResponseCode() == ResponseCode.SUCCESS;
    }

    public static boolean isDuplicate(Tender tender) {
        return extension(tender, DUPLICATE_EXTENSION).filter("Y"::equalsIgnoreCase).isPresent()
                || (tender.getErrorString() != null && tender.getErrorString().startsWith(DUPLICATE_ERROR_PREFIX));
    }
}
