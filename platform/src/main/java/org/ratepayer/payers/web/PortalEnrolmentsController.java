package org.ratepayer.payers.web;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ratepayer.billers.BillerService;
import org.ratepayer.enrolments.AchAuthorization;
import org.ratepayer.enrolments.AutopayEnrolments;
import org.ratepayer.enrolments.PaperlessEnrolments;
import org.ratepayer.enrolments.ScheduledPayments;
import org.ratepayer.payers.PayerRefusal;
import org.ratepayer.payers.SavedPaymentMethod;
import org.ratepayer.payers.SignedInPayer;
import org.ratepayer.payers.Wallet;
import org.ratepayer.payers.internal.PortalAccounts;
import org.ratepayer.payments.Method;
import org.ratepayer.shared.web.PayerPage;
import org.ratepayer.shared.web.Refusal;
import org.ratepayer.shared.web.Refusal.Kind;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * Paperless, autopay and scheduled payments of one account in the customer portal (docs/payers-portal.md). The
 * enrolments module's public facades do the work, so the CIS hears of each change as it does from the API; methods
 * come from the payer's wallet by id, their tokens read here and never put on a page. Every request checks first
 * that the payer holds the account, and answers 404 with nothing changed when not.
 */
@Controller
@PayerPage
class PortalEnrolmentsController {

    /**
     * The debit authorization a payer agrees to for autopay from a bank account, kept word for word with the time,
     * the address and the username (NACHA; docs/payers-self-service.md, "Autopay terms"). %s is the biller's name.
     */
    static final String ACH_TERMS = "I authorize %s to debit the bank account I chose above for the amount of each bill, "
            + "no more than the maximum I set if I set one, on the bill's collection date, until I turn autopay off. "
            + "I can turn autopay off on this page at any time before a collection date.";

    private final BillerService billers;
    private final PortalAccounts accounts;
    private final Wallet wallet;
    private final PaperlessEnrolments paperless;
    private final AutopayEnrolments autopay;
    private final ScheduledPayments scheduled;

    PortalEnrolmentsController(BillerService billers, PortalAccounts accounts, Wallet wallet, PaperlessEnrolments paperless,
            AutopayEnrolments autopay, ScheduledPayments scheduled) {
        this.billers = billers;
        this.accounts = accounts;
        this.wallet = wallet;
        this.paperless = paperless;
        this.autopay = autopay;
        this.scheduled = scheduled;
    }

    private static String page(long bid, String account) {
        return "/portal/" + bid + "/accounts/" + UriUtils.encodePathSegment(account, StandardCharsets.UTF_8) + "/enrolments";
    }

    @GetMapping("/portal/{bid}/accounts/{account}/enrolments")
    String show(@PathVariable long bid, @PathVariable String account, @RequestParam(required = false) String done, SignedInPayer signedIn,
            Model model) {
        return render(bid, account, signedIn, model, notice(done), Map.of(), Map.of());
    }

    @PostMapping("/portal/{bid}/accounts/{account}/enrolments/paperless")
    String paperless(@PathVariable long bid, @PathVariable String account, @RequestParam(required = false) String enrolled,
            SignedInPayer signedIn) {
        String held = held(signedIn, account);
        paperless.setByPayer(bid, held, "true".equals(enrolled), signedIn.username());
        return "redirect:" + page(bid, held) + "?done=paperless";
    }

    @PostMapping("/portal/{bid}/accounts/{account}/enrolments/autopay")
    String autopayOn(@PathVariable long bid, @PathVariable String account, @RequestParam Map<String, String> form, SignedInPayer signedIn,
            HttpServletRequest request, Model model) {
        String held = held(signedIn, account);
        Map<String, String> errors = new HashMap<>();
        Optional<SavedPaymentMethod> method = savedMethod(signedIn, form.get("method"));
        if (method.isEmpty()) {
            errors.put("autopay-method", "Choose a card or bank account from your wallet.");
        }
        BigDecimal maximum = null;
        String max = form.getOrDefault("maximumAmount", "").trim();
        if (!max.isEmpty()) {
            maximum = amount(max).orElse(null);
            if (maximum == null) {
                errors.put("autopay-maximum", "Enter the most one bill may be charged, for example 250.00, or leave it empty.");
            }
        }
        AchAuthorization authorization = null;
        if (method.isPresent() && method.get().method() == Method.ACH) {
            if (!"yes".equals(form.get("authorize"))) {
                errors.put("autopay-authorize", "To pay from a bank account, tick the box to authorize the debits.");
            } else {
                authorization = new AchAuthorization(terms(bid), null, request.getRemoteAddr(), signedIn.username());
            }
        }
        if (errors.isEmpty()) {
            SavedPaymentMethod m = method.get();
            String token = wallet.token(bid, signedIn.userId(), m.id()).orElseThrow();
            try {
                autopay.enrol(bid, held, new AutopayEnrolments.ShownMethod(m.method(), m.brand(), m.last4()), token, maximum, authorization,
                        signedIn.username());
                return "redirect:" + page(bid, held) + "?done=autopay-on";
            } catch (Refusal r) {
                errors.put(fieldOf(r, "autopay-", Map.of("maximumAmount", "maximum", "achAuthorization", "authorize"), "method"), words(r));
            }
        }
        return render(bid, held, signedIn, model, null, errors, prefixed(form, "autopay-"));
    }

    @PostMapping("/portal/{bid}/accounts/{account}/enrolments/autopay/off")
    String autopayOff(@PathVariable long bid, @PathVariable String account, SignedInPayer signedIn) {
        String held = held(signedIn, account);
        autopay.cancel(bid, held, signedIn.username());
        return "redirect:" + page(bid, held) + "?done=autopay-off";
    }

    @PostMapping("/portal/{bid}/accounts/{account}/enrolments/scheduled")
    String schedule(@PathVariable long bid, @PathVariable String account, @RequestParam Map<String, String> form, SignedInPayer signedIn,
            Model model) {
        String held = held(signedIn, account);
        PortalAccounts.AccountView view = accounts.account(signedIn, held);
        Map<String, String> errors = new HashMap<>();
        Optional<SavedPaymentMethod> method = savedMethod(signedIn, form.get("method"));
        if (method.isEmpty()) {
            errors.put("sched-method", "Choose a card or bank account from your wallet.");
        }
        LocalDate date = date(form.get("date")).orElse(null);
        if (date == null) {
            errors.put("sched-date", "Enter the date to pay, for example 2026-12-24.");
        }
        BigDecimal amount = amount(form.getOrDefault("amount", "")).orElse(null);
        if (amount == null) {
            errors.put("sched-amount", "Enter the amount to pay, for example 125.40.");
        }
        if (view.newest() == null) {
            errors.put("sched-date", "This account has no bill to schedule a payment for yet.");
        }
        if (errors.isEmpty()) {
            SavedPaymentMethod m = method.get();
            String token = wallet.token(bid, signedIn.userId(), m.id()).orElseThrow();
            try {
                scheduled.create(bid, held, view.newest().invoiceNumber(), date, amount, m.method(), token, m.brand(), m.last4(),
                        signedIn.username());
                return "redirect:" + page(bid, held) + "?done=scheduled";
            } catch (Refusal r) {
                errors.put(fieldOf(r, "sched-", SCHEDULED_FIELDS, "date"), words(r));
            }
        }
        return render(bid, held, signedIn, model, null, errors, prefixed(form, "sched-"));
    }

    @PostMapping("/portal/{bid}/accounts/{account}/enrolments/scheduled/{id}")
    String change(@PathVariable long bid, @PathVariable String account, @PathVariable UUID id, @RequestParam Map<String, String> form,
            SignedInPayer signedIn, Model model) {
        String held = held(signedIn, account);
        String prefix = "change-" + id + "-";
        Map<String, String> errors = new HashMap<>();
        LocalDate date = date(form.get("date")).orElse(null);
        if (date == null) {
            errors.put(prefix + "date", "Enter the date to pay, for example 2026-12-24.");
        }
        BigDecimal amount = amount(form.getOrDefault("amount", "")).orElse(null);
        if (amount == null) {
            errors.put(prefix + "amount", "Enter the amount to pay, for example 125.40.");
        }
        if (errors.isEmpty()) {
            try {
                scheduled.update(bid, held, id, date, amount, signedIn.username());
                return "redirect:" + page(bid, held) + "?done=changed";
            } catch (Refusal r) {
                if (r.kind() == Kind.NOT_FOUND || r.kind() == Kind.CONFLICT) {
                    throw r;
                }
                errors.put(fieldOf(r, prefix, SCHEDULED_FIELDS, "date"), words(r));
            }
        }
        return render(bid, held, signedIn, model, null, errors, prefixed(form, prefix));
    }

    @PostMapping("/portal/{bid}/accounts/{account}/enrolments/scheduled/{id}/cancel")
    String cancel(@PathVariable long bid, @PathVariable String account, @PathVariable UUID id, SignedInPayer signedIn) {
        String held = held(signedIn, account);
        scheduled.cancel(bid, held, id, signedIn.username());
        return "redirect:" + page(bid, held) + "?done=cancelled";
    }

    private String render(long bid, String account, SignedInPayer signedIn, Model model, String notice, Map<String, String> errors,
            Map<String, String> form) {
        PortalAccounts.AccountView view = accounts.account(signedIn, account);
        String held = view.account().accountNumber();
        List<SavedPaymentMethod> methods = wallet.methods(bid, signedIn.userId());
        AutopayEnrolments.Autopay current = autopay.autopay(bid, held);
        model.addAttribute("biller", billers.cachedBiller(bid));
        model.addAttribute("payer", signedIn);
        model.addAttribute("view", view);
        model.addAttribute("paperless", paperless.enrolled(bid, held));
        model.addAttribute("autopay", current);
        model.addAttribute("collectionDate", view.newest() == null ? null
                : autopay.collectionDate(bid, held, view.newest().invoiceNumber()).orElse(null));
        model.addAttribute("methods", methods);
        model.addAttribute("hasBank", methods.stream().anyMatch(m -> m.method() == Method.ACH));
        model.addAttribute("achTerms", terms(bid));
        model.addAttribute("scheduled", scheduled.list(bid, held));
        model.addAttribute("today", scheduled.today(bid));
        model.addAttribute("notice", notice);
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        return "portal/enrolments";
    }

    private String terms(long bid) {
        return ACH_TERMS.formatted(billers.cachedBiller(bid).name());
    }

    private String held(SignedInPayer signedIn, String account) {
        return accounts.held(signedIn, account).orElseThrow(
                () -> new PayerRefusal(Kind.NOT_FOUND, "account_not_found", "account", "no account " + account + " here"));
    }

    private Optional<SavedPaymentMethod> savedMethod(SignedInPayer signedIn, String id) {
        try {
            return id == null || id.isBlank() ? Optional.empty() : wallet.find(signedIn.bid(), signedIn.userId(), UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> amount(String text) {
        try {
            BigDecimal a = new BigDecimal(text.trim().replace(",", ""));
            // What a payer types: a plain amount, not 1e20.
            return a.scale() < 0 || a.precision() - a.scale() > 12 ? Optional.empty() : Optional.of(a);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The service's field names as the scheduled-payment forms call them (the invoice is the newest bill's, not typed). */
    private static final Map<String, String> SCHEDULED_FIELDS = Map.of("date", "date", "amount", "amount", "invoiceNumber", "date",
            "card", "method");

    /** The page's field a refusal is about: the service's field name mapped to the form's, else the fallback. */
    private static String fieldOf(Refusal r, String prefix, Map<String, String> names, String fallback) {
        return prefix + (r.field() == null ? fallback : names.getOrDefault(r.field(), fallback));
    }

    private static String words(Refusal r) {
        String d = r.detail() == null || r.detail().isBlank() ? r.title() : r.detail();
        return Character.toUpperCase(d.charAt(0)) + d.substring(1) + (d.endsWith(".") ? "" : ".");
    }

    private static Map<String, String> prefixed(Map<String, String> form, String prefix) {
        Map<String, String> out = new HashMap<>();
        form.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    private static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "paperless" -> "Your paper bill choice is saved.";
            case "autopay-on" -> "Autopay is on.";
            case "autopay-off" -> "Autopay is off.";
            case "scheduled" -> "Your payment is scheduled.";
            case "changed" -> "Your scheduled payment is changed.";
            case "cancelled" -> "Your scheduled payment is cancelled.";
            default -> null;
        };
    }
}
