package org.ratepayer.payments.checkout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ratepayer.payments.gateway.PaymentGateway;

/**
 * A page's Content-Security-Policy with exactly its biller's processor's sources added (docs/hosted-fields.md, "CSP"):
 * each of script-src, frame-src and connect-src gets the processor's list for it, and nothing else changes. A directive
 * the policy did not have starts from {@code 'self'}, which is what {@code default-src 'self'} gave it before.
 */
public final class HostedFieldsCsp {

    private HostedFieldsCsp() {
    }

    public static String extend(String policy, PaymentGateway.HostedFields fields) {
        if (fields == null) {
            return policy;
        }
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String part : policy.split(";")) {
            String[] words = part.trim().split("\\s+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            directives.put(words[0], new ArrayList<>(List.of(words).subList(1, words.length)));
        }
        add(directives, "script-src", fields.scriptSources());
        add(directives, "frame-src", fields.frameSources());
        add(directives, "connect-src", fields.connectSources());
        StringBuilder out = new StringBuilder();
        directives.forEach((name, sources) -> {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(name);
            sources.forEach(s -> out.append(' ').append(s));
        });
        return out.toString();
    }

    private static void add(Map<String, List<String>> directives, String name, List<String> sources) {
        if (sources.isEmpty()) {
            return;
        }
        List<String> list = directives.computeIfAbsent(name, n -> new ArrayList<>(List.of("'self'")));
        list.remove("'none'");
        for (String s : sources) {
            if (!list.contains(s)) {
                list.add(s);
            }
        }
    }
}
