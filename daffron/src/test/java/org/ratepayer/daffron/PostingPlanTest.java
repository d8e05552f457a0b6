package org.ratepayer.daffron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ratepayer.cis.CisPosting;
import org.ratepayer.cis.PostingResult;
import org.ratepayer.daffron.DataPumpConfig.TransactionIdSource;

class PostingPlanTest {

    private static final PaymentTransactionMapper DEFAULTS = new PaymentTransactionMapper(PaymentPostingSettings.DEFAULT);

    @Test
    void oneCallPerKindInTheOrderKindsFirstAppear() {
        List<CisPosting> postings = List.of(
                TestPostings.paperless("1001", true),
                TestPostings.uniquePayment("1001", "10"),
                TestPostings.autopay("1002", "", true, TestPostings.SEED_LOG_TIME),
                TestPostings.uniquePayment("1002", "20"),
                TestPostings.paperless("1002", false),
                TestPostings.scheduled(CisPosting.ScheduledPayment.Change.CREATED, "156.25", "121940013401"));

        PostingPlan plan = PostingPlan.of(postings, TestPostings.SEED_ZONE, () -> DEFAULTS);

        assertThat(plan.calls()).extracting(CisCall::endpoint).containsExactly(DataPumpEndpoint.PAPERLESS,
                DataPumpEndpoint.PAYMENTS, DataPumpEndpoint.HISTORY_COMMENTS);
        assertThat(plan.calls()).extracting(call -> call.items().stream().map(Outgoing::index).toList())
                .containsExactly(List.of(0, 4), List.of(1, 3), List.of(2, 5));
        assertThat(plan.settled()).containsOnlyNulls();
    }

    @Test
    void anAccountAppearsOnceInAPaperlessOrCommentCallAndKeepsItsOrder() {
        List<CisPosting> postings = List.of(
                TestPostings.autopay("1001", "", false, TestPostings.SEED_LOG_TIME),
                TestPostings.scheduled(CisPosting.ScheduledPayment.Change.CREATED, "1", "1"),
                TestPostings.autopay("1002", "", true, TestPostings.SEED_LOG_TIME),
                TestPostings.scheduled(CisPosting.ScheduledPayment.Change.CANCELLED, "1", "1"));

        PostingPlan plan = PostingPlan.of(postings, TestPostings.SEED_ZONE, () -> DEFAULTS);

        // the scheduled postings are for account 1001 too
        assertThat(plan.calls()).extracting(call -> call.items().stream().map(Outgoing::index).toList())
                .containsExactly(List.of(0, 2), List.of(1), List.of(3));
    }

    @Test
    void settlesWithoutACallWhatIsNeverSentOrCannotBeFormed() {
        CisPosting.Payment donation = TestPostings.donation();
        CisPosting tooLong = TestPostings.scheduled(CisPosting.ScheduledPayment.Change.UPDATED, "1", "9".repeat(60));
        CisPosting.Paperless paperless = TestPostings.paperless("1001", true);
        PaymentTransactionMapper skipping = new PaymentTransactionMapper(new PaymentPostingSettings(
                AmountFormat.SHORTEST, PaymentModes.NONE, PaymentModes.NONE,
                new DataPumpConfig(true, TransactionIdSource.APPROVAL_CODE)));

        PostingPlan plan = PostingPlan.of(List.of(donation, tooLong, paperless), TestPostings.SEED_ZONE, () -> skipping);

        assertThat(plan.settled()[0].status()).isEqualTo(PostingResult.Status.NOT_SENT);
        assertThat(plan.settled()[0].postingId()).isEqualTo(donation.postingId());
        assertThat(plan.settled()[1].status()).isEqualTo(PostingResult.Status.FAILED);
        assertThat(plan.settled()[2]).isNull();
        assertThat(plan.calls()).singleElement().satisfies(c -> assertThat(c.endpoint())
                .isEqualTo(DataPumpEndpoint.PAPERLESS));
    }

    @Test
    void twoPaymentsSharingAnApprovalCodeAreNeverSentTogether() {
        CisPosting.Payment first = TestPostings.payment("1001", CisPosting.Tender.CARD, "10", 0);
        CisPosting.Payment second = new CisPosting.Payment(UUID.randomUUID(), "1001", UUID.randomUUID(),
                CisPosting.Tender.CARD, first.amount(), first.approvalCode(), 0, null, false);

        PostingPlan plan = PostingPlan.of(List.of(first, second), TestPostings.SEED_ZONE, () -> DEFAULTS);
        PostingPlan byGuid = PostingPlan.of(List.of(first, second), TestPostings.SEED_ZONE, () -> new PaymentTransactionMapper(
                new PaymentPostingSettings(AmountFormat.SHORTEST, PaymentModes.NONE, PaymentModes.NONE,
                        new DataPumpConfig(false, TransactionIdSource.PAYMENT_GUID))));

        assertThat(plan.calls()).singleElement().satisfies(c -> assertThat(c.items()).hasSize(1));
        assertThat(plan.settled()[1].status()).isEqualTo(PostingResult.Status.FAILED);
        assertThat(plan.settled()[1].detail()).contains(first.postingId().toString(), "PaymentGuid");
        assertThat(byGuid.calls()).singleElement().satisfies(c -> assertThat(c.items()).hasSize(2));
    }

    @Test
    void paymentSettingsAreReadOnlyForPayments() {
        PostingPlan plan = PostingPlan.of(List.of(TestPostings.paperless("1001", true)), TestPostings.SEED_ZONE, () -> {
            throw new AssertionError("payment settings read for a paperless delivery");
        });

        assertThat(plan.calls()).hasSize(1);
        assertThat(PostingPlan.of(List.of(), TestPostings.SEED_ZONE, () -> DEFAULTS).calls()).isEmpty();
    }
}
