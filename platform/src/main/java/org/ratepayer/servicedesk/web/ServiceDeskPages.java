package org.ratepayer.servicedesk.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ratepayer.payments.Channel;
import org.ratepayer.payments.Method;
import org.ratepayer.payments.PaymentStatus;
import org.ratepayer.servicedesk.account.StaffAccounts;
import org.ratepayer.servicedesk.search.SearchFilter;
import org.ratepayer.servicedesk.search.SearchPage;
import org.ratepayer.servicedesk.search.StaffSearch;
import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The biller portal's search page and account page (docs/staff-search.md). Both only read; every role may see them.
 * A filter the page cannot read is answered 400 with the page saying which field, and nothing is searched.
 */
@Controller
@StaffPage
class ServiceDeskPages {

    private final StaffSearch search;
    private final StaffAccounts accounts;
    private final org.ratepayer.servicedesk.desk.CsrDesk desk;

    ServiceDeskPages(StaffSearch search, StaffAccounts accounts, org.ratepayer.servicedesk.desk.CsrDesk desk) {
        this.search = search;
        this.accounts = accounts;
        this.desk = desk;
    }

    @GetMapping("/staff/{bid}/search")
    String search(@PathVariable long bid, SignedInStaff staff, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") String channel, @RequestParam(defaultValue = "") String method,
            @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "1") String page, Model model,
            HttpServletResponse response) {
        Map<String, String> asked = new LinkedHashMap<>();
        asked.put("q", q);
        asked.put("from", from);
        asked.put("to", to);
        asked.put("channel", channel);
        asked.put("method", method);
        asked.put("status", status);
        model.addAttribute("asked", asked);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("methods", Method.values());
        model.addAttribute("statuses", PaymentStatus.values());
        boolean searched = !q.isBlank() || !from.isBlank() || !to.isBlank() || !channel.isBlank() || !method.isBlank() || !status.isBlank();
        model.addAttribute("searched", searched);
        if (!searched) {
            return "staff/search";
        }
        try {
            SearchFilter filter = new SearchFilter(date("from", from), date("to", to), value("channel", channel, Channel.class),
                    value("method", method, Method.class), value("status", status, PaymentStatus.class));
            int n = number("page", page);
            SearchPage result = search.search(bid, q, filter, n, StaffSearch.DEFAULT_SIZE);
            model.addAttribute("result", result);
            if (n > 1) {
                model.addAttribute("previous", link(bid, asked, n - 1));
            }
            if (result.hasNext()) {
                model.addAttribute("next", link(bid, asked, n + 1));
            }
        } catch (BadRequestException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", e.detail());
        }
        return "staff/search";
    }

    @GetMapping("/staff/{bid}/accounts/{account}")
    String account(@PathVariable long bid, @PathVariable String account, SignedInStaff staff, Model model, HttpServletResponse response) {
        var view = accounts.view(bid, account);
        if (view.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("missing", account);
            return "staff/account";
        }
        model.addAttribute("view", view.get());
        // the payment form's idempotency key: submitting the same form twice takes one payment
        model.addAttribute("key", java.util.UUID.randomUUID().toString());
        model.addAttribute("cartAllowed", desk.cartAllowed(bid));
        return "staff/account";
    }

    private static String link(long bid, Map<String, String> asked, int page) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/staff/" + bid + "/search");
        asked.forEach((k, v) -> {
            if (!v.isBlank()) {
                b.queryParam(k, v);
            }
        });
        return b.queryParam("page", page).encode().build().toUriString();
    }

    private static LocalDate date(String field, String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "a date as yyyy-MM-dd");
        }
    }

    private static <E extends Enum<E>> E value(String field, String text, Class<E> type) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field, "not one of the choices");
        }
    }

    private static int number(String field, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(field, "a whole number");
        }
    }
}
