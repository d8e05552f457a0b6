package org.ratepayer.postings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ratepayer.PlatformIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Postings leave in id order per account, so an id must never belong to a posting that commits after a later id of
 * the same account: otherwise the later payment is sent while the earlier one is still committing (docs/postings.md).
 */
class PostingCommitOrderIT extends PlatformIT {

    @Autowired
    Outbox outbox;

    @Autowired
    PlatformTransactionManager txManager;

    private void enqueue(long bid, String account, UUID id) {
        outbox.enqueue(bid, PostingKind.POSTBACK, account, id, Map.of("n", id.toString()));
    }

    private long visible(long bid, String account) {
        return count("select count(*) from posting where biller_id = ? and order_key = ?", bid, account);
    }

    @Test
    void aLaterPostingOfAnAccountWaitsForAnEarlierOneStillCommitting() throws Exception {
        TestBiller b = newBiller();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID otherAccount = UUID.randomUUID();
        CountDownLatch queued = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        TransactionTemplate tx = new TransactionTemplate(txManager);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            enqueue(b.bid(), "7001-1", first);
            queued.countDown();
            try {
                assertThat(commit.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(queued.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> fast = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> enqueue(b.bid(), "7001-1", second)));
        // Either the second transaction has committed (the defect) or it waits for the first one's lock.
        await().atMost(Duration.ofSeconds(30)).until(() -> fast.isDone()
                || count("select count(*) from pg_locks where locktype = 'advisory' and not granted") > 0);
        assertThat(visible(b.bid(), "7001-1")).as("postings of 7001-1 committed while the earlier one is still open").isZero();

        // Another account is not held up by it.
        tx.executeWithoutResult(s -> enqueue(b.bid(), "7002-1", otherAccount));
        assertThat(visible(b.bid(), "7002-1")).isOne();

        commit.countDown();
        slow.get(30, TimeUnit.SECONDS);
        fast.get(30, TimeUnit.SECONDS);
        List<UUID> inIdOrder = jdbc.sql("select posting_guid from posting where biller_id = ? and order_key = ? order by posting_id")
                .params(b.bid(), "7001-1").query(UUID.class).list();
        assertThat(inIdOrder).containsExactly(first, second);
    }
}
