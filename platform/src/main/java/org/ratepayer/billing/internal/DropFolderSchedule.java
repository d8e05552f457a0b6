package org.ratepayer.billing.internal;

import org.ratepayer.billing.DropFolderScanner;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.ratepayer.shared.config.RatepayerProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Scans the drop folders on a schedule; db-scheduler runs it on one node at a time however many share the database. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ratepayer.drop-folder.enabled", havingValue = "true", matchIfMissing = true)
public class DropFolderSchedule {

    @Bean
    RecurringTask<Void> dropFolderScan(DropFolderScanner scanner, RatepayerProperties props) {
        return Tasks.recurring("drop-folder-scan", FixedDelay.of(props.dropFolder().scanInterval()))
                .execute((instance, context) -> scanner.scanAll());
    }
}
