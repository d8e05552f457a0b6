package org.ratepayer.billers.web;

import org.ratepayer.shared.web.BadRequestException;
import org.ratepayer.shared.web.Caller;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ratepayer.billers.BillerService;
import org.ratepayer.billers.BillerView;
import org.ratepayer.shared.web.Environment;
import org.ratepayer.billers.IssuedKey;
import org.ratepayer.billers.IpAllowList;
import org.ratepayer.billers.IpAllowLists;
import org.ratepayer.shared.web.KeyKind;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The operator's biller administration (docs/daffron.md). */
@RestController
@RequestMapping("/api/v1/billers")
public class BillerController {

    private final BillerService billers;
    private final IpAllowLists allowLists;

    public BillerController(BillerService billers, IpAllowLists allowLists) {
        this.billers = billers;
        this.allowLists = allowLists;
    }

    /** The body of a list's replacement: addresses or CIDR ranges, {@code []} for any address. */
    public record IpAllowListBody(List<String> ranges) {
    }

    public record CreateBiller(Long bid, String name, String template, UUID guid, String timeZone) {
    }

    public record ConfigValue(JsonNode value, Integer invoiceType) {
    }

    /** The new biller and, this once, its keys in plain text. */
    public record CreatedBillerResponse(@JsonUnwrapped BillerView biller, Map<Environment, Map<String, String>> issuedKeys) {
    }

    public record RotatedKey(KeyKind kind, Environment environment, String key) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public CreatedBillerResponse create(@RequestBody CreateBiller body, Caller caller) {
        caller.requireOperator();
        if (body.bid() == null) {
            throw new BadRequestException("bid", "required");
        }
        BillerService.CreatedBiller created = billers.create(
                new BillerService.NewBiller(body.bid(), body.name(), body.template(), body.guid(), body.timeZone()), caller.actor());
        return new CreatedBillerResponse(created.biller(), keysByEnvironment(created.keys()));
    }

    static Map<Environment, Map<String, String>> keysByEnvironment(List<IssuedKey> keys) {
        Map<Environment, Map<String, String>> out = new LinkedHashMap<>();
        for (IssuedKey k : keys) {
            String name = switch (k.kind()) {
                case WEB_SERVICE -> "webServiceKey";
                case API -> "apiKey";
                case CPV2 -> "cpv2Key";
            };
            out.computeIfAbsent(k.environment(), e -> new LinkedHashMap<>()).put(name, k.key());
        }
        return out;
    }

    @GetMapping
    public List<BillerView> list(Caller caller) {
        caller.requireOperator();
        return billers.all().stream().map(b -> billers.view(b.bid())).toList();
    }

    @GetMapping("/{bid}")
    public BillerView get(@PathVariable long bid, Caller caller) {
        caller.requireOperator();
        return billers.view(bid);
    }

    @PutMapping("/{bid}/options/{id}")
    public BillerView setOption(@PathVariable long bid, @PathVariable int id, @RequestBody ConfigValue body, Caller caller) {
        caller.requireOperator();
        return billers.setOption(bid, id, body.invoiceType(), body.value(), caller.actor());
    }

    @PutMapping("/{bid}/settings/{id}")
    public BillerView setSetting(@PathVariable long bid, @PathVariable int id, @RequestBody ConfigValue body, Caller caller) {
        caller.requireOperator();
        return billers.setSetting(bid, id, body.value(), caller.actor());
    }

    @PutMapping("/{bid}/file-spec")
    public BillerView setFileSpec(@PathVariable long bid, @RequestBody ConfigValue body, Caller caller) {
        caller.requireOperator();
        return billers.setFileSpec(bid, body.value() == null ? null : body.value().asText(), caller.actor());
    }

    @PutMapping("/{bid}/time-zone")
    public BillerView setTimeZone(@PathVariable long bid, @RequestBody ConfigValue body, Caller caller) {
        caller.requireOperator();
        return billers.setTimeZone(bid, body.value() == null || body.value().isNull() ? null : body.value().asText(),
                caller.actor());
    }

    @PostMapping("/{bid}/keys/{kind}/{environment}")
    @ResponseStatus(HttpStatus.CREATED)
    public RotatedKey rotateKey(@PathVariable long bid, @PathVariable KeyKind kind, @PathVariable Environment environment,
            Caller caller) {
        caller.requireOperator();
        IssuedKey k = billers.rotateKey(bid, kind, environment, caller.actor());
        return new RotatedKey(k.kind(), k.environment(), k.key());
    }

    /** The biller's IP allow-lists, one per kind of key and environment (docs/ip-allow-list.md). */
    @GetMapping("/{bid}/ip-allow-list")
    public List<IpAllowList> ipAllowLists(@PathVariable long bid, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return allowLists.all(bid);
    }

    /** Replaces one list; the operator's calls are never subject to it, so the operator can undo a lock-out. */
    @PutMapping("/{bid}/ip-allow-list/{kind}/{environment}")
    public IpAllowList replaceIpAllowList(@PathVariable long bid, @PathVariable KeyKind kind, @PathVariable Environment environment,
            @RequestBody IpAllowListBody body, Caller caller) {
        caller.actFor(bid, KeyKind.API);
        return allowLists.replace(bid, kind, environment, body == null ? null : body.ranges(), caller.actor());
    }
}
