package org.ratepayer.enrolments;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;

/** When an enrolment change happened, in the zone the CIS reads (logTime carries its offset). */
@Component
public class EnrolmentClock {

    private final Clock clock;

    public EnrolmentClock(Clock clock) {
        this.clock = clock;
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withNano(0);
    }

    public java.time.LocalDate today() {
        return java.time.LocalDate.now(clock);
    }
}
