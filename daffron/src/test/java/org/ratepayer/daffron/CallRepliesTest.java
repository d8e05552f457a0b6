package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ratepayer.cis.CisException;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.cis.PostingResult.Status;
import org.ratepayer.multispeak.CbClient;
import org.ratepayer.multispeak.SampleMessages;
import org.ratepayer.multispeak.Tenders;
import org.ratepayer.multispeak.v3.ErrorObject;
import org.ratepayer.multispeak.v3.HistoryComment;
import org.ratepayer.multispeak.v3.PaymentTransaction;
import org.ratepayer.multispeak.v3.ResponseCode;
import org.ratepayer.multispeak.v3.Tender;

/** How answers are matched to the items of a call, and what each item's answer means. */
class CallRepliesTest {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    private PaymentCall threePayments() {
        return new PaymentCall(List.of(
                new Outgoing<>(0, a, "tx-a", SampleMessages.cardPayment("1001", "1", "tx-a")),
                new Outgoing<>(1, b, "tx-b", SampleMessages.cardPayment("1002", "2", "tx-b")),
                new Outgoing<>(2, c, "tx-c", SampleMessages.cardPayment("1001", "3", "tx-c"))));
    }

    /** An answer as Toolbox's sample has it: no extensions, the account echoed. */
    private static PaymentTransaction answer(String account, ResponseCode code, String error) {
        PaymentTransaction answer = SampleMessages.cardPayment(account, "1", "unused");
        Tender tender = Tenders.of(answer).findFirst().orElseThrow();
        tender.setExtensionsList(null);
        tender.setResponseCode(code);
        tender.setErrorString(error);
        tender.setFinancialTransactionID(code == ResponseCode.SUCCESS ? "R-" + account : null);
        return answer;
    }

    private static PaymentTransaction withId(PaymentTransaction answer, String transactionId) {
        Tenders.of(answer).findFirst().orElseThrow().setExtensionsList(SampleMessages.extensions(
                SampleMessages.extension("transactionId", transactionId, null)));
        return answer;
    }

    private static PaymentTransaction duplicate(String account, String transactionId) {
        PaymentTransaction answer = withId(answer(account, ResponseCode.FAILURE,
                "Duplicate transactionId " + transactionId + ": already posted as TBX00000007"), transactionId);
        Tenders.of(answer).findFirst().orElseThrow().getExtensionsList().getExtensionsItem()
                .add(SampleMessages.extension(Tenders.DUPLICATE_EXTENSION, "Y", "string"));
        return answer;
    }

    @Test
    void matchesByPositionWhenTheAnswerCarriesNoTransactionIds() {
        List<PostingResult> results = threePayments().judge(List.of(
                answer("1001", ResponseCode.SUCCESS, null),
                answer("1002", ResponseCode.FAILURE, "Account closed"),
                answer("1001", ResponseCode.ERROR, null)));

        assertThat(results).extracting(PostingResult::postingId, PostingResult::status, PostingResult::detail)
                .containsExactly(
                        tuple(a, Status.POSTED, "financialTransactionID R-1001"),
                        tuple(b, Status.FAILED, "CommitPaymentTransaction answered responseCode Failure: Account closed"),
                        tuple(c, Status.FAILED, "CommitPaymentTransaction answered responseCode Error: no reason given"));
    }

    @Test
    void matchesByTransactionIdWhenEveryAnswerCarriesOne() {
        List<PostingResult> results = threePayments().judge(List.of(
                duplicate("1001", "tx-c"),
                withId(answer("1002", ResponseCode.SUCCESS, null), "tx-b"),
                withId(answer("1001", ResponseCode.SUCCESS, null), "tx-a")));

        assertThat(results).extracting(PostingResult::postingId, PostingResult::status).containsExactly(
                tuple(a, Status.POSTED), tuple(b, Status.POSTED), tuple(c, Status.DUPLICATE));
        assertThat(results.get(2).detail()).startsWith("Duplicate transactionId tx-c");
    }

    @Test
    void anAnswerThatCannotBeMatchedIsMalformed() {
        PaymentCall call = threePayments();
        PaymentTransaction ok = answer("1001", ResponseCode.SUCCESS, null);
        PaymentTransaction empty = new PaymentTransaction();
        empty.setAccountNumber("1002");

        assertMalformed(() -> call.judge(List.of(ok, answer("1002", ResponseCode.SUCCESS, null))), "answered 2");
        assertMalformed(() -> call.judge(List.of(ok, answer("1001", ResponseCode.SUCCESS, null),
                answer("1002", ResponseCode.SUCCESS, null))), "account 1001");
        assertMalformed(() -> call.judge(List.of(ok, empty, answer("1001", ResponseCode.SUCCESS, null))), "no tender");
        assertMalformed(() -> call.judge(List.of(withId(answer("1001", ResponseCode.SUCCESS, null), "tx-a"),
                withId(answer("1002", ResponseCode.SUCCESS, null), "tx-b"),
                withId(answer("1001", ResponseCode.SUCCESS, null), "tx-x"))), "tx-c");
        assertMalformed(() -> call.judge(List.of(withId(answer("1001", ResponseCode.SUCCESS, null), "tx-a"),
                withId(answer("1002", ResponseCode.SUCCESS, null), "tx-a"),
                withId(answer("1001", ResponseCode.SUCCESS, null), "tx-c"))), "twice");
    }

    @Test
    void errorObjectsFailTheItemTheyNameAndNoOther() {
        ErrorListCall<HistoryComment> call = new ErrorListCall<>(DataPumpEndpoint.HISTORY_COMMENTS, List.of(
                new Outgoing<>(0, a, "1001", SampleMessages.comment("1001", "1", "AUTOPAY ON")),
                new Outgoing<>(1, b, "1002", SampleMessages.comment("1002", "2", "AUTOPAY OFF"))),
                CbClient::writeAccountHistoryComments);

        List<PostingResult> results = call.judge(List.of(error(" 1002 ", "Account inactive"), error("1002", null)));

        assertThat(results).extracting(PostingResult::postingId, PostingResult::status, PostingResult::detail)
                .containsExactly(tuple(a, Status.POSTED, null), tuple(b, Status.FAILED,
                        "WriteAccountHistoryComments answered: Account inactive; no reason given"));
        assertThat(call.judge(List.of())).extracting(PostingResult::status).containsOnly(Status.POSTED);
        assertMalformed(() -> call.judge(List.of(error("9999", "who?"))), "objectID 9999");
        assertMalformed(() -> call.judge(List.of(error(null, "who?"))), "no objectID");
    }

    private static ErrorObject error(String objectId, String text) {
        ErrorObject error = new ErrorObject();
        error.setObjectID(objectId);
        error.setErrorString(text);
        return error;
    }

    private static void assertMalformed(org.assertj.core.api.ThrowableAssert.ThrowingCallable judging, String why) {
        assertThatThrownBy(judging).isInstanceOfSatisfying(CisException.class,
                e -> assertThat(e.kind()).isEqualTo(CisException.Kind.MALFORMED)).hasMessageContaining(why);
    }
}
