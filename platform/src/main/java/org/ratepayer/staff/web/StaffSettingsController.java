package org.ratepayer.staff.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.BillerView;
import org.ratepayer.billers.IpAllowList;
import org.ratepayer.billers.IpAllowLists;
import org.ratepayer.shared.web.Environment;
import org.ratepayer.shared.web.KeyKind;
import org.ratepayer.billers.ConfigCatalogue;
import org.ratepayer.billers.ConfigDef;
import org.ratepayer.billers.ValueKind;
import org.ratepayer.shared.web.Refusal;
import org.ratepayer.staff.SignedInStaff;
import org.ratepayer.staff.StaffAudit;
import org.ratepayer.staff.StaffPage;
import org.ratepayer.staff.StaffRole;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Options and advanced settings by number with their meaning (docs/staff-portal.md, "Settings"). Every role reads
 * them; administrators change them, through the same {@link BillerService} calls and validator as the admin API, so
 * a value the API refuses is refused here too, its message shown next to the field and nothing changed. Secrets
 * are write-only: the page says whether one is set, never what it is, and only replaces or clears it.
 */
@Controller
@StaffPage
class StaffSettingsController {

    /** One numbered entry as the page shows it; {@code shown} is null for a secret, and for an entry not set. */
    record Entry(ConfigDef def, boolean set, String shown) {
        public boolean bool() {
            return def.kind() == ValueKind.BOOLEAN;
        }

        public boolean choice() {
            return def.kind() == ValueKind.ENUM;
        }

        public String hint() {
            return switch (def.kind()) {
                case INTEGER -> "a whole number from " + def.min() + " to " + def.max();
                case ENUM -> "one of " + String.join(", ", def.allowed());
                case AMOUNT -> "an amount in dollars and cents, more than zero";
                case AMOUNT_OR_ZERO -> "an amount in dollars and cents, zero or more";
                case URL -> "an http(s) address";
                case JSON -> "a JSON object";
                case COLOUR -> "a colour #rrggbb";
                default -> "";
            };
        }
    }

    private final BillerService billers;
    private final ConfigCatalogue catalogue;
    private final StaffAudit audit;
    private final TransactionTemplate tx;
    private final IpAllowLists allowLists;

    StaffSettingsController(BillerService billers, ConfigCatalogue catalogue, StaffAudit audit, TransactionTemplate tx,
            IpAllowLists allowLists) {
        this.allowLists = allowLists;
        this.billers = billers;
        this.catalogue = catalogue;
        this.audit = audit;
        this.tx = tx;
    }

    @GetMapping("/staff/{bid}/settings")
    String page(@PathVariable long bid, SignedInStaff staff, Model model) {
        BillerView view = billers.view(bid);
        Map<Integer, String> options = view.options().stream().filter(o -> o.invoiceType() == null || isDefaultType(bid, o))
                .collect(Collectors.toMap(BillerView.OptionValue::id, o -> text(o.value()), (a, b) -> a));
        Map<Integer, BillerView.SettingValue> settings = new HashMap<>();
        view.settings().forEach(s -> settings.put(s.id(), s));
        List<Entry> optionRows = new ArrayList<>();
        for (ConfigDef def : sorted(catalogue.options())) {
            String v = options.get(def.id());
            optionRows.add(new Entry(def, v != null, v));
        }
        List<Entry> settingRows = new ArrayList<>();
        for (ConfigDef def : sorted(catalogue.settings())) {
            BillerView.SettingValue s = settings.get(def.id());
            settingRows.add(new Entry(def, s != null, s == null || s.secret() || def.secret() ? null : text(s.value())));
        }
        model.addAttribute("options", optionRows);
        model.addAttribute("settings", settingRows);
        model.addAttribute("allowLists", allowLists.all(bid));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "staff/settings";
    }

    @PostMapping("/staff/{bid}/settings/options/{id}")
    String setOption(@PathVariable long bid, @PathVariable int id, SignedInStaff staff, @RequestParam(defaultValue = "") String value,
            @RequestParam(required = false) String clear, Model model, HttpServletResponse response) {
        return change(bid, id, true, staff, value, clear != null, model, response);
    }

    @PostMapping("/staff/{bid}/settings/settings/{id}")
    String setSetting(@PathVariable long bid, @PathVariable int id, SignedInStaff staff, @RequestParam(defaultValue = "") String value,
            @RequestParam(required = false) String clear, Model model, HttpServletResponse response) {
        return change(bid, id, false, staff, value, clear != null, model, response);
    }

    private String change(long bid, int id, boolean option, SignedInStaff staff, String value, boolean clear, Model model,
            HttpServletResponse response) {
        staff.requireRole(StaffRole.ADMINISTRATOR);
        String field = (option ? "option-" : "setting-") + id;
        ConfigDef def = (option ? catalogue.option(id) : catalogue.setting(id)).orElse(null);
        if (def == null) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("error", "There is no " + (option ? "option " : "setting ") + id + ".");
            return page(bid, staff, model);
        }
        JsonNode json = clear ? NullNode.getInstance() : TextNode.valueOf(value);
        String actor = "staff " + staff.username();
        try {
            tx.executeWithoutResult(status -> {
                String before = current(bid, id, option, def);
                if (option) {
                    billers.setOption(bid, id, null, json, actor);
                } else {
                    billers.setSetting(bid, id, json, actor);
                }
                String after = current(bid, id, option, def);
                audit.record(staff, (option ? "option" : "setting") + (clear ? ".clear" : ".set"),
                        (option ? "option " : "setting ") + id, shown(before), shown(after));
            });
        } catch (Refusal e) {
            // the status the API answers for the same refusal (a value the rules do not allow: 422)
            response.setStatus(switch (e.kind()) {
                case NOT_ALLOWED -> HttpStatus.UNPROCESSABLE_ENTITY.value();
                case CONFLICT -> HttpStatus.CONFLICT.value();
                default -> HttpStatus.BAD_REQUEST.value();
            });
            model.addAttribute("errors", Map.of(field, e.getMessage()));
            return page(bid, staff, model);
        }
        model.addAttribute("notice", (option ? "Option " : "Setting ") + id + (clear ? " is cleared." : " is saved."));
        return page(bid, staff, model);
    }

    /**
     * Replaces one IP allow-list (docs/ip-allow-list.md) with the ranges typed, separated by spaces, commas or lines;
     * empty allows any address. Validated as the API does: a wrong entry is named by its index and nothing changes.
     */
    @PostMapping("/staff/{bid}/settings/ip-allow-list/{kind}/{environment}")
    String setAllowList(@PathVariable long bid, @PathVariable KeyKind kind, @PathVariable Environment environment,
            SignedInStaff staff, @RequestParam(defaultValue = "") String ranges, Model model, HttpServletResponse response) {
        staff.requireRole(StaffRole.ADMINISTRATOR);
        List<String> entries = ranges.isBlank() ? List.of() : List.of(ranges.strip().split("[\\s,]+"));
        String target = "ip-allow-list " + kind + " " + environment;
        try {
            tx.executeWithoutResult(status -> {
                List<String> before = allowLists.all(bid).stream()
                        .filter(l -> l.keyKind() == kind && l.environment() == environment).findFirst().orElseThrow().ranges();
                IpAllowList after = allowLists.replace(bid, kind, environment, entries, "staff " + staff.username());
                audit.record(staff, "ip-allow-list.set", target, Map.of("ranges", before), Map.of("ranges", after.ranges()));
            });
        } catch (Refusal e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", Map.of("allow-" + kind + "-" + environment, e.getMessage()));
            return page(bid, staff, model);
        }
        model.addAttribute("notice", "The IP allow-list of the " + kind + " key (" + environment + ") is saved.");
        return page(bid, staff, model);
    }

    /** The stored value as the audit log keeps it: secrets masked by the billers module, absent as null. */
    private String current(long bid, int id, boolean option, ConfigDef def) {
        BillerView view = billers.view(bid);
        if (option) {
            return view.options().stream().filter(o -> o.id() == id && (o.invoiceType() == null || isDefaultType(bid, o)))
                    .map(o -> text(o.value())).findFirst().orElse(null);
        }
        return view.settings().stream().filter(s -> s.id() == id).map(s -> text(s.value())).findFirst().orElse(null);
    }

    private static Map<String, Object> shown(String value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        return m;
    }

    private boolean isDefaultType(long bid, BillerView.OptionValue o) {
        return o.invoiceType() != null && o.invoiceType() == billers.defaultInvoiceType(bid);
    }

    private static List<ConfigDef> sorted(java.util.Collection<ConfigDef> defs) {
        return defs.stream().sorted(Comparator.comparingInt(ConfigDef::id)).toList();
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }
}
