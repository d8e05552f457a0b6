package org.ratepayer.billing;

import org.ratepayer.billing.internal.FileSettling;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileSettlingTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    /** One scan of a file written by a slow upload: seconds since T0, its size and modification time then, and whether it is taken. */
    private record Scan(long at, long size, long modified, boolean taken) {
    }

    @Test
    void aFileWrittenInTwoHalvesFifteenSecondsApartIsTakenOnlyAfterBothAndThirtyStillSeconds() {
        FileSettling settling = new FileSettling(Duration.ofSeconds(30));
        List<Scan> scans = List.of(
                new Scan(0, 1500, 0, false),     // first half written at t=0
                new Scan(10, 1500, 0, false),
                new Scan(20, 3000, 15, false),   // second half landed at t=15: the wait starts again
                new Scan(30, 3000, 15, false),
                new Scan(40, 3000, 15, false),
                new Scan(50, 3000, 15, true));   // still for 30 s since t=20
        for (Scan s : scans) {
            assertThat(settling.complete("2178_12012026.bif", s.size(), s.modified() * 1000, false, T0.plusSeconds(s.at())))
                    .as("scan at t=%ds", s.at()).isEqualTo(s.taken());
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a .done marker takes the file at once, even mid-wait | true  | 30s | true
            no marker, first sight, settle 30 s                 | false | 30s | false
            no marker, first sight, settle 0 (tests)            | false | 0s  | true
            """)
    void firstSight(String why, boolean done, String settle, boolean taken) {
        FileSettling settling = new FileSettling(Duration.parse("PT" + settle.toUpperCase()));
        assertThat(settling.complete("f.bif", 10, 1, done, T0)).as(why).isEqualTo(taken);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            same size, later mtime (rewritten in place) | 100 | 2 | false
            same mtime, larger (appended, clock kept)   | 200 | 1 | false
            unchanged                                   | 100 | 1 | true
            """)
    void anyChangeRestartsTheWait(String why, long size, long mtime, boolean taken) {
        FileSettling settling = new FileSettling(Duration.ofSeconds(30));
        settling.complete("f.bif", 100, 1000, false, T0);
        assertThat(settling.complete("f.bif", size, mtime * 1000, false, T0.plusSeconds(31))).as(why).isEqualTo(taken);
    }

    @Test
    void aFileThatWentAwayAndCameBackWaitsAgain() {
        FileSettling settling = new FileSettling(Duration.ofSeconds(30));
        settling.complete("f.bif", 100, 1000, false, T0);
        settling.retainOnly(Set.of());
        assertThat(settling.complete("f.bif", 100, 1000, false, T0.plusSeconds(31))).isFalse();
        assertThat(settling.complete("f.bif", 100, 1000, false, T0.plusSeconds(61))).isTrue();
    }
}
