package org.ratepayer.servicedesk.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ratepayer.payments.PaymentOutcome;
import org.ratepayer.servicedesk.account.StaffAccounts;
import org.ratepayer.servicedesk.desk.CsrDesk;
import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.shared.web.Refusal;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The account page's forms and the cart (docs/staff-search.md, "CSR payments and enrolments"). Every handler refuses a
 * read-only user first (403 page, nothing changed); a refused payment or enrolment shows the account page again with
 * the reason and the field, answered 4xx.
 */
@Controller
@StaffPage
class CsrDeskPages {

    private static final String CART = "ratepayer.servicedesk.cart.";

    private final CsrDesk desk;
    private final StaffAccounts accounts;

    CsrDeskPages(CsrDesk desk, StaffAccounts accounts) {
        this.desk = desk;
        this.accounts = accounts;
    }

    @PostMapping("/staff/{bid}/accounts/{account}/payments")
    String pay(@PathVariable long bid, @PathVariable String account, SignedInStaff staff, @RequestParam(defaultValue = "") String key,
            @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String invoice,
            MethodForm paid, Model model, HttpServletResponse response) {
        staff.requireWrite();
        try {
            PaymentOutcome outcome = desk.pay(staff, key(key), account, invoice.isBlank() ? null : invoice.strip(),
                    money("amount", amount), paid.card(true), paid.bank());
            return answer(bid, account, outcome, model, response);
        } catch (Refusal e) {
            return refused(bid, account, e.field(), e.detail(), e.kind() == Refusal.Kind.INVALID ? 400 : 422, model, response);
        }
    }

    @PostMapping("/staff/{bid}/accounts/{account}/autopay")
    String autopay(@PathVariable long bid, @PathVariable String account, SignedInStaff staff, @RequestParam(defaultValue = "on") String action,
            MethodForm paid, @RequestParam(defaultValue = "") String maximumAmount,
            Model model, HttpServletResponse response) {
        staff.requireWrite();
        try {
            if ("off".equals(action)) {
                desk.cancelAutopay(staff, account);
                return "redirect:" + page(bid, account, "autopay", "off");
            }
            desk.enrolAutopay(staff, account, paid.card(false), paid.bank(), maximumAmount.isBlank() ? null : money("maximumAmount", maximumAmount));
            return "redirect:" + page(bid, account, "autopay", "on");
        } catch (Refusal e) {
            return refused(bid, account, e.field(), e.detail(), e.kind() == Refusal.Kind.INVALID ? 400 : 422, model, response);
        }
    }

    @PostMapping("/staff/{bid}/accounts/{account}/paperless")
    String paperless(@PathVariable long bid, @PathVariable String account, SignedInStaff staff,
            @RequestParam(defaultValue = "") String enrolled, Model model, HttpServletResponse response) {
        staff.requireWrite();
        if (!"true".equals(enrolled) && !"false".equals(enrolled)) {
            return refused(bid, account, "enrolled", "enrolled: true or false", 400, model, response);
        }
        try {
            desk.setPaperless(staff, account, Boolean.parseBoolean(enrolled));
        } catch (Refusal e) {
            return refused(bid, account, e.field(), e.detail(), 422, model, response);
        }
        return "redirect:" + page(bid, account, "paperless", enrolled);
    }

    /** The staff's block flags; an unchecked box is absent from the form, so absent means not blocked. */
    @PostMapping("/staff/{bid}/accounts/{account}/blocks")
    String blocks(@PathVariable long bid, @PathVariable String account, SignedInStaff staff,
            @RequestParam(defaultValue = "false") String blockCc, @RequestParam(defaultValue = "false") String blockAch,
            Model model, HttpServletResponse response) {
        staff.requireWrite();
        for (String[] box : new String[][] {{"blockCc", blockCc}, {"blockAch", blockAch}}) {
            if (!"true".equals(box[1]) && !"false".equals(box[1])) {
                return refused(bid, account, box[0], box[0] + ": true or false", 400, model, response);
            }
        }
        if (accounts.view(bid, account).isEmpty()) {
            return refused(bid, account, "account", "this biller has no account " + account, 404, model, response);
        }
        desk.setBlocks(staff, account, Boolean.parseBoolean(blockCc), Boolean.parseBoolean(blockAch));
        return "redirect:" + page(bid, account, "blocks", "saved");
    }

    @PostMapping("/staff/{bid}/cart")
    String addToCart(@PathVariable long bid, SignedInStaff staff, @RequestParam(defaultValue = "") String account,
            @RequestParam(defaultValue = "") String invoice, @RequestParam(defaultValue = "") String amount, HttpSession session,
            Model model, HttpServletResponse response) {
        staff.requireWrite();
        if (!desk.cartAllowed(bid)) {
            throw new org.ratepayer.staff.StaffForbidden("This biller does not take payments of several accounts at once (option 54 is off).");
        }
        try {
            BigDecimal money = money("amount", amount);
            if (accounts.view(bid, account).isEmpty()) {
                throw new BadRequestException("account", "this biller has no account " + account);
            }
            List<CsrDesk.CartLine> cart = cart(session, bid);
            cart.removeIf(l -> l.accountNumber().equals(account));
            cart.add(new CsrDesk.CartLine(account, invoice.isBlank() ? null : invoice.strip(), money));
            session.setAttribute(CART + bid, cart);
        } catch (BadRequestException e) {
            return refused(bid, account, e.field(), e.detail(), 400, model, response);
        }
        return "redirect:/staff/" + bid + "/cart";
    }

    @GetMapping("/staff/{bid}/cart")
    String cartPage(@PathVariable long bid, SignedInStaff staff, HttpSession session, Model model) {
        List<CsrDesk.CartLine> cart = cart(session, bid);
        model.addAttribute("cart", cart);
        model.addAttribute("total", cart.stream().map(CsrDesk.CartLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        model.addAttribute("cartAllowed", desk.cartAllowed(bid));
        model.addAttribute("key", UUID.randomUUID().toString());
        return "staff/cart";
    }

    @PostMapping("/staff/{bid}/cart/pay")
    String payCart(@PathVariable long bid, SignedInStaff staff, @RequestParam(defaultValue = "") String key,
            MethodForm paid, HttpSession session, Model model, HttpServletResponse response) {
        staff.requireWrite();
        List<CsrDesk.CartLine> cart = cart(session, bid);
        try {
            if (cart.isEmpty()) {
                throw new BadRequestException("cart", "the cart is empty");
            }
            PaymentOutcome outcome = desk.payCart(staff, key(key), cart, paid.card(true), paid.bank());
            if (outcome instanceof PaymentOutcome.Taken t) {
                session.removeAttribute(CART + bid);
                return "redirect:/staff/" + bid + "/cart?paid=" + t.paymentGuid() + "&status=" + t.status();
            }
            PaymentOutcome.Refused r = (PaymentOutcome.Refused) outcome;
            model.addAttribute("errorField", r.field());
            model.addAttribute("error", r.detail());
            response.setStatus(r.kind() == Refusal.Kind.INVALID ? 400 : 422);
        } catch (Refusal e) {
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", e.detail());
            response.setStatus(e.kind() == Refusal.Kind.INVALID ? 400 : 422);
        }
        return cartPage(bid, staff, session, model);
    }

    private String answer(long bid, String account, PaymentOutcome outcome, Model model, HttpServletResponse response) {
        if (outcome instanceof PaymentOutcome.Taken t) {
            return "redirect:" + UriComponentsBuilder.fromPath("/staff/" + bid + "/accounts/" + account)
                    .queryParam("paid", t.paymentGuid()).queryParam("status", t.status()).encode().build().toUriString();
        }
        PaymentOutcome.Refused r = (PaymentOutcome.Refused) outcome;
        return refused(bid, account, r.field(), r.detail(), r.kind() == Refusal.Kind.INVALID ? 400 : 422, model, response);
    }

    private String refused(long bid, String account, String field, String detail, int status, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("errorField", field);
        model.addAttribute("error", detail);
        accounts.view(bid, account).ifPresentOrElse(v -> model.addAttribute("view", v), () -> model.addAttribute("missing", account));
        model.addAttribute("key", UUID.randomUUID().toString());
        model.addAttribute("cartAllowed", desk.cartAllowed(bid));
        return "staff/account";
    }

    private static String page(long bid, String account, String param, String value) {
        return UriComponentsBuilder.fromPath("/staff/" + bid + "/accounts/" + account).queryParam(param, value).encode().build().toUriString();
    }

    @SuppressWarnings("unchecked")
    private static List<CsrDesk.CartLine> cart(HttpSession session, long bid) {
        Object held = session.getAttribute(CART + bid);
        return held instanceof List<?> l ? new ArrayList<>((List<CsrDesk.CartLine>) l) : new ArrayList<>();
    }

    private static String key(String key) {
        if (key.isBlank() || key.length() > 100) {
            throw new BadRequestException("key", "the form's payment key is missing; reload the page");
        }
        return "staff:" + key.strip();
    }

    private static BigDecimal money(String field, String text) {
        try {
            BigDecimal v = new BigDecimal(text.strip());
            if (v.signum() <= 0 || v.scale() > 2) {
                throw new BadRequestException(field, "an amount above 0 with at most 2 decimals, like 40.00");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadRequestException(field, "an amount like 40.00");
        }
    }

}
