package org.ratepayer.payments.internal.authorizenet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.payments.internal.webhooks.WebhookEvent;

/**
 * An eCheck's Authorize.Net status, read by the eCheck poll, and what it does to the bank payment at each status it may
 * stand at: the event it becomes and the move that event makes ({@link WebhookEvent#next}), with the return code kept
 * (docs/ach.md, "Authorize.Net").
 */
class ECheckStatusesTest {

    @ParameterizedTest(name = "{0} ({1}) on a {3} payment -> {4} {5}")
    @CsvSource(delimiter = '|', nullValues = "", value = {
            // settled: the debit is confirmed; nothing more once confirmed
            "settledSuccessfully       |     |                         | PENDING  | APPROVED | ",
            "settledSuccessfully       |     |                         | APPROVED | -        | ",
            "settledSuccessfully       |     |                         | RETURNED | -        | ",
            // returned by the member's bank: before or after the confirmation, even once settled; its own NACHA code
            "returnedItem              | R01 | Insufficient Funds      | PENDING  | RETURNED | R01",
            "returnedItem              | R02 | Account Closed          | APPROVED | RETURNED | R02",
            "returnedItem              | R10 | Customer Advises Not Authorized | SETTLED  | RETURNED | R10",
            "returnedItem              | R29 | Corporate Customer Advises Not Authorized | SETTLED  | RETURNED | R29",
            "returnedItem              |     | Returned                | PENDING  | RETURNED | OTHER",
            "returnedItem              | R01 | Insufficient Funds      | RETURNED | -        | ",
            "returnedItem              | R01 | Insufficient Funds      | REFUNDED | -        | ",
            // stopped before it reached the member's bank: R06, the originating side's return
            "declined                  |     |                         | PENDING  | RETURNED | R06",
            "voided                    |     |                         | PENDING  | RETURNED | R06",
            "settlementError           |     |                         | PENDING  | RETURNED | R06",
            "generalError              |     |                         | PENDING  | RETURNED | R06",
            "communicationError        |     |                         | PENDING  | RETURNED | R06",
            "failedReview              |     |                         | PENDING  | RETURNED | R06",
            "expired                   |     |                         | PENDING  | RETURNED | R06",
            // a void the platform made itself (VOIDED already) is not a return
            "voided                    |     |                         | VOIDED   | -        | ",
            "declined                  |     |                         | APPROVED | -        | ",
            // still on its way: nothing yet
            "capturedPendingSettlement |     |                         | PENDING  | -        | ",
            "pendingSettlement         |     |                         | PENDING  | -        | ",
            "underReview               |     |                         | PENDING  | -        | ",
            "FDSPendingReview          |     |                         | PENDING  | -        | ",
            "refundPendingSettlement   |     |                         | APPROVED | -        | ",
            "updatingSettlement        |     |                         | PENDING  | -        | ",
    })
    void whatEachStatusDoesToABankPayment(String status, String code, String words, PaymentStatus at, String to, String returnCode) {
        Optional<ECheckStatuses.Observed> observed = ECheckStatuses.observe(status, code, words, null, at);

        Optional<PaymentStatus> next = observed.flatMap(o -> WebhookEvent.next(o.kind(), at, Method.ACH));
        assertThat(next.map(Enum::name).orElse("-")).isEqualTo(to);
        next.ifPresent(n -> assertThat(at.canMoveTo(n)).isTrue());
        assertThat(next.isPresent() && next.get() == PaymentStatus.RETURNED ? observed.get().reason().code() : null).isEqualTo(returnCode);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "", value = {
            "returnedItem | R01 | Insufficient Funds | Approval           | R01 | Insufficient funds",
            "returnedItem | R91 | Odd Code           |                    | R91 | Odd Code",
            "declined     |     |                    | This transaction has been declined. | R06 | Not sent to the bank: Authorize.Net says declined: This transaction has been declined.",
            "voided       |     |                    |                    | R06 | Not sent to the bank: Authorize.Net says voided",
    })
    void theReturnsWordsComeFromTheCodeOrFromAuthorizeNet(String status, String code, String words, String reason, String expectedCode,
            String expectedWords) {
        ECheckStatuses.Observed o = ECheckStatuses.observe(status, code, words, reason, PaymentStatus.PENDING).orElseThrow();

        assertThat(o.reason().code()).isEqualTo(expectedCode);
        assertThat(o.reason().words()).isEqualTo(expectedWords);
    }
}
