package org.ratepayer.staff.web;

/** Where staff pages are, and which return addresses a sign-in may send back to (only the biller's own pages). */
final class StaffLinks {

    private StaffLinks() {
    }

    static String home(long bid) {
        return "/staff/" + bid;
    }

    /** The target if it is one of this biller's staff pages (no other site, no other biller), else the home page. */
    static String safeTarget(long bid, String next) {
        String home = home(bid);
        if (next == null || next.contains("\\") || next.contains("//") || next.contains("\r") || next.contains("\n")
                || !(next.equals(home) || next.startsWith(home + "/") || next.startsWith(home + "?"))
                || next.startsWith(home + "/sign-in") || next.startsWith(home + "/sign-out")) {
            return home;
        }
        return next;
    }
}
