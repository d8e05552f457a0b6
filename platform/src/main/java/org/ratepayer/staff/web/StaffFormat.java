package org.ratepayer.staff.web;

import java.time.Duration;

/** How staff pages write ages and amounts. */
final class StaffFormat {

    private StaffFormat() {
    }

    /** "none", "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
    static String age(Duration d) {
        long s = d.getSeconds();
        if (s <= 0) {
            return "none";
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        if (s < 86_400) {
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        return (s / 86_400) + " d " + (s % 86_400 / 3600) + " h";
    }
}
