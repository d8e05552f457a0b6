package org.ratepayer.enrolments.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.ratepayer.billers.BillerService;
import org.springframework.stereotype.Component;

/**
 * The time and date of an enrolment change as the biller sees them: a scheduled payment's "today"
 * and the moment a CIS is told of, both in the biller's own zone (docs/time-zones.md), never the
 * server's.
 */
@Component
public class EnrolmentClock {

    private final Clock clock;
    private final BillerService billers;

    public EnrolmentClock(Clock clock, BillerService billers) {
        this.clock = clock;
        this.billers = billers;
    }

    /** Now, to the second, with the biller's offset (the CIS's logTime keeps it). */
    public OffsetDateTime now(long bid) {
        return clock.instant().atZone(billers.cachedConfig(bid).timeZone()).toOffsetDateTime().withNano(0);
    }

    /** The biller's calendar date: a scheduled payment for it is not in the past until the biller's midnight. */
    public LocalDate today(long bid) {
        return billers.cachedConfig(bid).today(clock);
    }
}
