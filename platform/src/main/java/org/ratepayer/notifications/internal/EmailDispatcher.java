package org.ratepayer.notifications.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends recorded emails off the caller's thread, so a slow SMTP server never holds up a payment's
 * answer. A full backlog makes the caller send it itself (back-pressure instead of an unbounded queue);
 * on shutdown the backlog gets a few seconds, and whatever is left stays QUEUED in the history.
 */
@Component
public class EmailDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EmailDispatcher.class);

    private final MailDelivery delivery;
    private final ThreadPoolExecutor pool;

    public EmailDispatcher(MailDelivery delivery) {
        this.delivery = delivery;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "email-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (task, executor) -> {
            if (executor.isShutdown()) {
                log.warn("shutting down: an email stays QUEUED in the history");
            } else {
                task.run();
            }
        });
    }

    public void dispatch(long id, OutgoingEmail email) {
        pool.execute(() -> delivery.deliver(id, email));
    }

    /**
     * Sends an email whose history row (its ledger entry) was written in the caller's transaction, once that commits:
     * a rolled-back decision sends nothing. Without a transaction it is sent at once.
     */
    public void dispatchAfterCommit(long id, OutgoingEmail email) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            dispatch(id, email);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatch(id, email);
            }
        });
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("{} email(s) left QUEUED at shutdown", pool.shutdownNow().size());
        }
    }
}
