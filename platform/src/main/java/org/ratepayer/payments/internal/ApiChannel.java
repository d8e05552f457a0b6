package org.ratepayer.payments.internal;

import org.ratepayer.payments.Channel;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The channels a biller's own systems may name when they pay through the channel API with an API key:
 * only these map to a {@link Channel}. WEB, CPV2, AUTOPAY and SCHEDULED are not here on
 * purpose: the payment page, Pay Now and the autopay and scheduled runs set them themselves, and a
 * caller naming one would post to the CIS and count in the batch report as something it is not
 * (docs/payments.md).
 */
public enum ApiChannel {
    IVR(Channel.IVR),
    KIOSK(Channel.KIOSK),
    OBD(Channel.OBD),
    POS(Channel.POS),
    CSRWEB(Channel.CSRWEB);

    /** What the API answers when a channel is missing or not one of these. */
    public static final String ALLOWED = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))
            + " (upper or lower case)";

    private final Channel channel;

    ApiChannel(Channel channel) {
        this.channel = channel;
    }

    public Channel channel() {
        return channel;
    }

    /** The channel a caller named, in any letter case; empty for anything else. */
    public static Optional<ApiChannel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.name().equals(wanted)).findFirst();
    }
}
